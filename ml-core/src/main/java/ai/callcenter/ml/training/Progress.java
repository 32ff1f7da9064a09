package ai.callcenter.ml.training;

import java.io.PrintStream;

/**
 * Human progress on stderr: step messages and a redrawn bar for long loops. Stdout stays clean
 * for the one JSON line that scripts read.
 */
public class Progress {

    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private String task = "";
    private long total;
    private long lastDraw;

    public Progress(PrintStream out) {
        this.out = out;
    }

    public static Progress stderr() {
        return new Progress(System.err);
    }

    /** Discards everything; for tests and for callers that train inside a server. */
    public static Progress silent() {
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    public void step(String message) {
        out.println(message);
    }

    public void start(String task, long total) {
        this.task = task;
        this.total = Math.max(1, total);
        this.lastDraw = 0;
        draw(0);
    }

    public synchronized void update(long done) {
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(done);
        }
    }

    public void finish() {
        draw(total);
        out.println();
    }

    private void draw(long done) {
        int filled = (int) (BAR_WIDTH * Math.min(done, total) / total);
        out.print("\r" + task + " [" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] "
                + (100 * Math.min(done, total) / total) + "% " + done + "/" + total);
        out.flush();
    }
}

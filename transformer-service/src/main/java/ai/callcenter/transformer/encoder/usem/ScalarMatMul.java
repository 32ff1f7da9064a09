package ai.callcenter.transformer.encoder.usem;

/** The fallback kernel: four output rows per pass over the weights, an inner loop the JIT may vectorise. */
final class ScalarMatMul implements MatMul {

    private static final int ROW_BLOCK = 4;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void multiplyAdd(float[] a, int aStride, int rows, int k, float[] w, int n, float[] c, int cStride) {
        int r = 0;
        for (; r + ROW_BLOCK <= rows; r += ROW_BLOCK) {
            int a0 = r * aStride;
            int a1 = a0 + aStride;
            int a2 = a1 + aStride;
            int a3 = a2 + aStride;
            int c0 = r * cStride;
            int c1 = c0 + cStride;
            int c2 = c1 + cStride;
            int c3 = c2 + cStride;
            for (int kk = 0; kk < k; kk++) {
                float v0 = a[a0 + kk];
                float v1 = a[a1 + kk];
                float v2 = a[a2 + kk];
                float v3 = a[a3 + kk];
                int wr = kk * n;
                for (int j = 0; j < n; j++) {
                    float wv = w[wr + j];
                    c[c0 + j] += v0 * wv;
                    c[c1 + j] += v1 * wv;
                    c[c2 + j] += v2 * wv;
                    c[c3 + j] += v3 * wv;
                }
            }
        }
        for (; r < rows; r++) {
            int a0 = r * aStride;
            int c0 = r * cStride;
            for (int kk = 0; kk < k; kk++) {
                float v0 = a[a0 + kk];
                int wr = kk * n;
                for (int j = 0; j < n; j++) {
                    c[c0 + j] += v0 * w[wr + j];
                }
            }
        }
    }
}

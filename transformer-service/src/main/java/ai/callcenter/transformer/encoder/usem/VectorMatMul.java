package ai.callcenter.transformer.encoder.usem;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Output-stationary kernel on the Vector API: a strip of one SIMD register's width of four output rows
 * stays in registers across the whole k loop, so each weight vector loaded serves four fused
 * multiply-adds and nothing is stored until the strip is done. The JIT cannot do this to the scalar
 * loop (it would have to reorder a float reduction).
 */
final class VectorMatMul implements MatMul {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int ROW_BLOCK = 4;

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }

    @Override
    public void multiplyAdd(float[] a, int aStride, int rows, int k, float[] w, int n, float[] c, int cStride) {
        int width = SPECIES.length();
        int vectorN = n - n % width;
        int r = 0;
        for (; r + ROW_BLOCK <= rows; r += ROW_BLOCK) {
            int a0 = r * aStride;
            int a1 = a0 + aStride;
            int a2 = a1 + aStride;
            int a3 = a2 + aStride;
            int c0 = r * cStride;
            for (int j = 0; j < vectorN; j += width) {
                FloatVector s0 = FloatVector.fromArray(SPECIES, c, c0 + j);
                FloatVector s1 = FloatVector.fromArray(SPECIES, c, c0 + cStride + j);
                FloatVector s2 = FloatVector.fromArray(SPECIES, c, c0 + 2 * cStride + j);
                FloatVector s3 = FloatVector.fromArray(SPECIES, c, c0 + 3 * cStride + j);
                for (int kk = 0; kk < k; kk++) {
                    FloatVector wv = FloatVector.fromArray(SPECIES, w, kk * n + j);
                    s0 = wv.fma(FloatVector.broadcast(SPECIES, a[a0 + kk]), s0);
                    s1 = wv.fma(FloatVector.broadcast(SPECIES, a[a1 + kk]), s1);
                    s2 = wv.fma(FloatVector.broadcast(SPECIES, a[a2 + kk]), s2);
                    s3 = wv.fma(FloatVector.broadcast(SPECIES, a[a3 + kk]), s3);
                }
                s0.intoArray(c, c0 + j);
                s1.intoArray(c, c0 + cStride + j);
                s2.intoArray(c, c0 + 2 * cStride + j);
                s3.intoArray(c, c0 + 3 * cStride + j);
            }
        }
        for (; r < rows; r++) {
            int a0 = r * aStride;
            int c0 = r * cStride;
            for (int j = 0; j < vectorN; j += width) {
                FloatVector s0 = FloatVector.fromArray(SPECIES, c, c0 + j);
                for (int kk = 0; kk < k; kk++) {
                    s0 = FloatVector.fromArray(SPECIES, w, kk * n + j).fma(FloatVector.broadcast(SPECIES, a[a0 + kk]), s0);
                }
                s0.intoArray(c, c0 + j);
            }
        }
        if (vectorN < n) {
            scalarColumns(a, aStride, rows, k, w, n, vectorN, c, cStride);
        }
    }

    /** Columns past the last full vector; none for this model, whose widths are multiples of 16. */
    private static void scalarColumns(float[] a, int aStride, int rows, int k, float[] w, int n, int from, float[] c,
                                      int cStride) {
        for (int r = 0; r < rows; r++) {
            for (int j = from; j < n; j++) {
                float sum = c[r * cStride + j];
                for (int kk = 0; kk < k; kk++) {
                    sum += a[r * aStride + kk] * w[kk * n + j];
                }
                c[r * cStride + j] = sum;
            }
        }
    }
}

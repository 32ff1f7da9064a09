package ai.callcenter.ml.oos;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowDots} on the Vector API: four rows at a time, so each loaded slice of the query vector serves four fused
 * multiply-adds; loaded only when the module is there ({@link RowDots#get}).
 */
final class VectorRowDots extends RowDots {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int ROW_BLOCK = 4;

    @Override
    void dots(float[] rows, float[] x, float[] out) {
        int d = x.length;
        int width = SPECIES.length();
        int vectorD = d - d % width;
        int n = out.length;
        int i = 0;
        for (; i + ROW_BLOCK <= n; i += ROW_BLOCK) {
            int r0 = i * d;
            int r1 = r0 + d;
            int r2 = r1 + d;
            int r3 = r2 + d;
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            for (int j = 0; j < vectorD; j += width) {
                FloatVector xv = FloatVector.fromArray(SPECIES, x, j);
                s0 = FloatVector.fromArray(SPECIES, rows, r0 + j).fma(xv, s0);
                s1 = FloatVector.fromArray(SPECIES, rows, r1 + j).fma(xv, s1);
                s2 = FloatVector.fromArray(SPECIES, rows, r2 + j).fma(xv, s2);
                s3 = FloatVector.fromArray(SPECIES, rows, r3 + j).fma(xv, s3);
            }
            out[i] = s0.reduceLanes(VectorOperators.ADD) + tail(rows, r0, x, vectorD);
            out[i + 1] = s1.reduceLanes(VectorOperators.ADD) + tail(rows, r1, x, vectorD);
            out[i + 2] = s2.reduceLanes(VectorOperators.ADD) + tail(rows, r2, x, vectorD);
            out[i + 3] = s3.reduceLanes(VectorOperators.ADD) + tail(rows, r3, x, vectorD);
        }
        for (; i < n; i++) {
            int r = i * d;
            FloatVector s = FloatVector.zero(SPECIES);
            for (int j = 0; j < vectorD; j += width) {
                s = FloatVector.fromArray(SPECIES, rows, r + j).fma(FloatVector.fromArray(SPECIES, x, j), s);
            }
            out[i] = s.reduceLanes(VectorOperators.ADD) + tail(rows, r, x, vectorD);
        }
    }

    /** The columns past the last full vector (none when d is a multiple of the vector width). */
    private static float tail(float[] rows, int row, float[] x, int from) {
        float sum = 0;
        for (int j = from; j < x.length; j++) {
            sum += rows[row + j] * x[j];
        }
        return sum;
    }

    @Override
    String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }
}

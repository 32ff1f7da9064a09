package ai.callcenter.ml.oos;

/**
 * Dot products of one vector with every row of a row-major matrix: the kNN signal's scan over the kept training
 * vectors, which dominates its cost (tens of thousands of rows per ticket). On the Vector API when the JVM has the
 * {@code jdk.incubator.vector} module (the transformer service and the tools start with it, scripts/lib/services.sh);
 * otherwise a scalar loop, which the JIT cannot vectorise because it would have to reorder a float sum.
 */
abstract class RowDots {

    private static final RowDots INSTANCE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            ? new VectorRowDots() : new ScalarRowDots();

    static RowDots get() {
        return INSTANCE;
    }

    /** {@code out[i] = rows[i*d .. i*d+d) · x} for every row; {@code d = x.length}. */
    abstract void dots(float[] rows, float[] x, float[] out);

    abstract String name();

    static final class ScalarRowDots extends RowDots {

        @Override
        void dots(float[] rows, float[] x, float[] out) {
            int d = x.length;
            for (int i = 0; i < out.length; i++) {
                double dot = 0;
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    dot += rows[row + j] * x[j];
                }
                out[i] = (float) dot;
            }
        }

        @Override
        String name() {
            return "scalar";
        }
    }
}

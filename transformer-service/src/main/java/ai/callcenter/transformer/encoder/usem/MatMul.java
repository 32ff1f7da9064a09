package ai.callcenter.transformer.encoder.usem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code c += a @ w} on row-major float arrays, the whole cost of the USE forward pass. The Vector
 * API kernel runs about 10x faster than the scalar one (docs/decisions/0011-usem-plain-java-vector-api.md),
 * but its module is an incubator that the JVM only resolves when started with
 * {@code --add-modules jdk.incubator.vector} (bin/callcenter does); without it the scalar kernel runs.
 */
interface MatMul {

    /**
     * @param a rows x k, row stride aStride
     * @param w k x n
     * @param c rows x n, row stride cStride; added to
     */
    void multiplyAdd(float[] a, int aStride, int rows, int k, float[] w, int n, float[] c, int cStride);

    String name();

    static MatMul fastest() {
        return Holder.FASTEST;
    }

    final class Holder {
        private static final Logger log = LoggerFactory.getLogger(MatMul.class);
        private static final String VECTOR_MODULE = "jdk.incubator.vector";
        static final MatMul FASTEST = choose();

        private Holder() {
        }

        private static MatMul choose() {
            if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
                try {
                    return new VectorMatMul();
                } catch (LinkageError e) {
                    log.warn("Vector API kernel unavailable ({}); the USE encoder runs the scalar one", e.toString());
                }
            } else {
                log.warn("{} is not resolved: the USE encoder runs its scalar kernel, about 10x slower; start the JVM "
                        + "with --add-modules {} (bin/callcenter does)", VECTOR_MODULE, VECTOR_MODULE);
            }
            return new ScalarMatMul();
        }
    }
}

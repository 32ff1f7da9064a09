package ai.callcenter.transformer.encoder.usem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MatMulTest {

    @Test
    void theTestsRunTheVectorKernel() {
        // surefire adds the module (transformer-service/pom.xml); without it this encoder is ~10x slower
        assertThat(MatMul.fastest().name()).startsWith("vector-");
    }

    @Test
    void vectorAndScalarKernelsAgreeIncludingRowAndColumnTails() {
        Random random = new Random(7);
        int rows = 7;
        int k = 33;
        int n = 37;
        int aStride = k + 3;
        int cStride = n + 2;
        float[] a = new float[rows * aStride];
        float[] w = new float[k * n];
        float[] start = new float[rows * cStride];
        fill(random, a);
        fill(random, w);
        fill(random, start);
        float[] scalar = start.clone();
        float[] vector = start.clone();
        new ScalarMatMul().multiplyAdd(a, aStride, rows, k, w, n, scalar, cStride);
        new VectorMatMul().multiplyAdd(a, aStride, rows, k, w, n, vector, cStride);
        for (int i = 0; i < scalar.length; i++) {
            assertThat(vector[i]).as("element %d", i).isCloseTo(scalar[i], within(1e-4f));
        }
    }

    private static void fill(Random random, float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
    }
}

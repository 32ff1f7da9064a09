package ai.callcenter.ml.oos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RowDotsTest {

    @Test
    void theVectorKernelIsInUseAndAgreesWithTheScalarOne() {
        // surefire starts the JVM with jdk.incubator.vector, as the transformer service and the tools are started
        assertThat(RowDots.get().name()).startsWith("vector-");
        Random random = new Random(7);
        // widths that are and are not multiples of the vector width, row counts that are not multiples of 4
        for (int d : new int[] {16, 37, 768}) {
            int n = 103;
            float[] rows = new float[n * d];
            float[] x = new float[d];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = (float) random.nextGaussian();
            }
            for (int j = 0; j < d; j++) {
                x[j] = (float) random.nextGaussian();
            }
            float[] vector = new float[n];
            float[] scalar = new float[n];
            RowDots.get().dots(rows, x, vector);
            new RowDots.ScalarRowDots().dots(rows, x, scalar);
            for (int i = 0; i < n; i++) {
                assertThat(vector[i]).as("d=%d row %d", d, i).isCloseTo(scalar[i], within(1e-3f * (float) Math.sqrt(d)));
            }
        }
    }
}

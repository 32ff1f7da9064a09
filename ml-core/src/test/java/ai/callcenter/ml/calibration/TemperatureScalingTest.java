package ai.callcenter.ml.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TemperatureScalingTest {

    @Test
    void recoversTheTemperatureThatGeneratedTheLabels() {
        double trueTemperature = 0.25;
        Random random = new Random(1);
        int n = 20_000;
        double[][] scores = new double[n][];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double[] p = TemperatureScaling.softmax(scores[i], trueTemperature);
            double u = random.nextDouble();
            truth[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
        }
        assertThat(TemperatureScaling.fit(scores, truth)).isCloseTo(trueTemperature, within(0.02));
    }

    @Test
    void softmaxIsStableForLargeScores() {
        double[] p = TemperatureScaling.softmax(new double[] {1000, 999}, 1.0);
        assertThat(p[0] + p[1]).isCloseTo(1.0, within(1e-12));
        assertThat(p[0]).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
    }
}

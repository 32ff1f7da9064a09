package ai.callcenter.ml.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    @Test
    void computesAccuracyF1AndConfusionByHand() {
        // truth:     a a a b b c
        // predicted: a a b b c c
        int[] truth = {0, 0, 0, 1, 1, 2};
        int[] predicted = {0, 0, 1, 1, 2, 2};
        double[] confidence = {0.9, 0.9, 0.9, 0.9, 0.9, 0.9};
        ClassificationReport report = Evaluator.evaluate(List.of("a", "b", "c"), truth, predicted, confidence);

        assertThat(report.accuracy()).isCloseTo(4.0 / 6, within(1e-12));
        // a: P 1, R 2/3, F 0.8; b: P 1/2, R 1/2, F 1/2; c: P 1/2, R 1, F 2/3
        assertThat(report.perClass().get("a").f1()).isCloseTo(0.8, within(1e-12));
        assertThat(report.perClass().get("b").f1()).isCloseTo(0.5, within(1e-12));
        assertThat(report.perClass().get("c").f1()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(report.macroF1()).isCloseTo((0.8 + 0.5 + 2.0 / 3) / 3, within(1e-12));
        assertThat(report.weightedF1()).isCloseTo((0.8 * 3 + 0.5 * 2 + 2.0 / 3) / 6, within(1e-12));
        assertThat(report.confusionMatrix().counts()).isEqualTo(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}});
        // All in one bin at confidence 0.9 with accuracy 2/3.
        assertThat(report.ece()).isCloseTo(0.9 - 4.0 / 6, within(1e-12));
    }

    @Test
    void evaluatesRawScoresThroughTheTemperature() {
        double[][] scores = {{2, 0}, {0, 1}, {1, 0}};
        int[] truth = {0, 1, 1};
        ClassificationReport report = Evaluator.evaluateScores(List.of("a", "b"), scores, truth, 0.5);
        assertThat(report.accuracy()).isCloseTo(2.0 / 3, within(1e-12));
        // Softmax of {2,0}/0.5 puts 1/(1+e^-4) on "a"; {0,1}/0.5 puts 1/(1+e^-2) on "b"; {1,0}/0.5 likewise on "a".
        double expectedEce = Math.abs(1.0 - 1 / (1 + Math.exp(-4))) * 1 / 3
                + Math.abs(0.5 - 1 / (1 + Math.exp(-2))) * 2 / 3;
        assertThat(report.ece()).isCloseTo(expectedEce, within(1e-12));
    }

    @Test
    void perfectlyCalibratedBinsHaveZeroError() {
        int[] truth = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        int[] predicted = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
        double[] confidence = new double[10];
        java.util.Arrays.fill(confidence, 0.9);
        assertThat(Evaluator.expectedCalibrationError(truth, predicted, confidence)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void coverageCurveKeepsOnlyConfidentTickets() {
        int[] truth = {0, 0, 1, 1};
        int[] predicted = {0, 1, 1, 0};
        double[] confidence = {0.95, 0.5, 0.92, 0.3};
        List<CoveragePoint> curve = Evaluator.coverageCurve(truth, predicted, confidence);
        CoveragePoint at09 = curve.stream().filter(p -> p.threshold() == 0.9).findFirst().orElseThrow();
        assertThat(at09.coverage()).isEqualTo(0.5);
        assertThat(at09.accuracy()).isEqualTo(1.0);
        assertThat(curve.get(0).coverage()).isEqualTo(1.0);
        assertThat(curve.get(0).accuracy()).isEqualTo(0.5);
    }

    @Test
    void reliabilityBinsHoldTheCountsConfidenceAndAccuracyOfTheirTickets() {
        int[] truth = {0, 0, 1, 1};
        int[] predicted = {0, 1, 1, 1};
        double[] confidence = {0.95, 0.96, 0.10, 0.12};
        List<CalibrationBin> bins = Evaluator.reliability(truth, predicted, confidence);
        assertThat(bins).hasSize(Evaluator.ECE_BINS);
        CalibrationBin top = bins.get(Evaluator.ECE_BINS - 1);
        assertThat(top.count()).isEqualTo(2);
        assertThat(top.meanConfidence()).isCloseTo(0.955, within(1e-12));
        assertThat(top.accuracy()).isEqualTo(0.5);
        CalibrationBin low = bins.get(1);
        assertThat(low.lower()).isCloseTo(1.0 / 15, within(1e-12));
        assertThat(low.count()).isEqualTo(2);
        assertThat(low.accuracy()).isEqualTo(1.0);
        assertThat(bins.get(7).count()).isZero();
        assertThat(bins.get(7).accuracy()).isNaN();
        // ECE is the count-weighted gap of the bins
        assertThat(Evaluator.expectedCalibrationError(truth, predicted, confidence))
                .isCloseTo((Math.abs(0.5 - 0.955) * 2 + Math.abs(1.0 - 0.11) * 2) / 4, within(1e-12));
    }
}

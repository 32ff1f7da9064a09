package ai.callcenter.ml.oos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OosDetectorTest {

    private static OosInput scores(double... s) {
        return new OosInput(s, 1.0, null, null);
    }

    @Test
    void thresholdKeepsTheKeepRateOfInScopeScores() {
        double[] inScope = new double[100];
        for (int i = 0; i < 100; i++) {
            inScope[i] = 99 - i;
        }
        // 95 of 100 at or below the 95th smallest value (94)
        assertThat(OosDetector.threshold(inScope, 0.95)).isEqualTo(94.0);
        assertThat(OosDetector.threshold(new double[] {3, 1, 2}, 0.5)).isEqualTo(2.0);
        assertThat(OosDetector.threshold(new double[] {3, 1, 2}, 0.99)).isEqualTo(3.0);
    }

    @Test
    void signalsGrowAsTheTopScoreShrinks() {
        OosInput sure = scores(5, 0, 0);
        OosInput unsure = scores(1, 0.9, 0.8);
        for (Signal s : List.of(Signal.MSP, Signal.ENERGY, Signal.MAX_LOGIT)) {
            assertThat(s.value(unsure, null)).as(s.id()).isGreaterThan(s.value(sure, null));
        }
        // energy = -log(e^5 + 2) at T = 1
        assertThat(Signal.ENERGY.value(sure, null)).isCloseTo(-Math.log(Math.exp(5) + 2), within(1e-12));
        assertThat(Signal.MSP.value(scores(0, 0), null)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void fittedDetectorStandardisesAndFlagsAboveTheKeepRate() {
        List<OosInput> validation = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            validation.add(scores(2 + i / 100.0, 0, 0));
        }
        OosDetector detector = OosDetector.fit("max-logit", validation, null, 0.9);
        double[] fitted = validation.stream().mapToDouble(v -> detector.score(v, null)).toArray();
        assertThat(java.util.Arrays.stream(fitted).average().orElseThrow()).isCloseTo(0, within(1e-9));
        long flagged = java.util.Arrays.stream(fitted).filter(detector::outOfScope).count();
        assertThat(flagged).isEqualTo(20);
        assertThat(detector.outOfScope(detector.score(scores(0.1, 0, 0), null))).isTrue();
        assertThat(detector.outOfScope(detector.score(scores(4, 0, 0), null))).isFalse();
    }

    @Test
    void combinationSumsStandardisedSignals() {
        List<OosInput> validation = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            validation.add(new OosInput(new double[] {3 + (i % 7) / 10.0, 0}, 1, null, (i % 5) / 100.0));
        }
        OosDetector combined = OosDetector.fit("max-logit+oov", validation, null, 0.95);
        assertThat(combined.components()).extracting(OosDetector.Component::signal).containsExactly("max-logit", "oov");
        // A ticket of unseen words with a weak top score is far above both alone.
        OosInput odd = new OosInput(new double[] {0.5, 0}, 1, null, 0.8);
        assertThat(combined.outOfScope(combined.score(odd, null))).isTrue();
    }

    @Test
    void unknownSignalsAndMissingInputsAreRefused() {
        assertThatThrownBy(() -> OosDetector.signals("softmax")).hasMessageContaining("unknown out-of-scope signal");
        assertThatThrownBy(() -> Signal.OOV.value(scores(1, 0), null)).hasMessageContaining("vocabulary");
        assertThatThrownBy(() -> Signal.MAHALANOBIS.value(scores(1, 0), null)).hasMessageContaining("sentence vector");
    }
}

package ai.callcenter.tools.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.callcenter.ml.evaluation.ClassificationReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionRuleTest {

    private final PromotionRule rule = new PromotionRule(0.005, 0.0);

    static ClassificationReport report(double accuracy, double ece) {
        return new ClassificationReport(100, accuracy, accuracy, accuracy, ece, Map.of(), List.of(), null, List.of());
    }

    @Test
    void withoutAChampionTheCandidateBecomesIt() {
        PromotionRule.Decision decision = rule.decide(report(0.5, 0.3), Optional.empty(), false);
        assertThat(decision.promote()).isTrue();
        assertThat(decision.forced()).isFalse();
        assertThat(decision.reason()).contains("no champion");
    }

    @Test
    void aCandidateWithinTheAccuracyToleranceAndNoWorseCalibratedIsPromoted() {
        PromotionRule.Decision decision = rule.decide(report(0.896, 0.020), Optional.of(report(0.900, 0.020)), false);
        assertThat(decision.promote()).isTrue();
        assertThat(decision.reason()).contains("not worse", "0.8960", "0.9000");
    }

    @Test
    void losingMoreAccuracyThanTheToleranceKeepsTheChampion() {
        PromotionRule.Decision decision = rule.decide(report(0.894, 0.010), Optional.of(report(0.900, 0.020)), false);
        assertThat(decision.promote()).isFalse();
        assertThat(decision.reason()).startsWith("the candidate is less accurate by more than the tolerance");
    }

    @Test
    void aWorseCalibrationKeepsTheChampionEvenWhenMoreAccurate() {
        PromotionRule.Decision decision = rule.decide(report(0.950, 0.021), Optional.of(report(0.900, 0.020)), false);
        assertThat(decision.promote()).isFalse();
        assertThat(decision.reason()).startsWith("the candidate is worse calibrated");
        assertThat(new PromotionRule(0.005, 0.002).decide(report(0.950, 0.021), Optional.of(report(0.900, 0.020)), false)
                .promote()).isTrue();
    }

    @Test
    void forceMovesTheAliasAndSaysWhatItOverrode() {
        PromotionRule.Decision decision = rule.decide(report(0.5, 0.3), Optional.of(report(0.9, 0.02)), true);
        assertThat(decision.promote()).isTrue();
        assertThat(decision.forced()).isTrue();
        assertThat(decision.reason()).startsWith("forced although the candidate is less accurate and worse calibrated");
        assertThat(rule.decide(report(0.95, 0.01), Optional.of(report(0.9, 0.02)), true).forced())
                .as("a candidate that wins anyway is not forced").isFalse();
    }

    @Test
    void negativeTolerancesAreRefused() {
        assertThatThrownBy(() -> new PromotionRule(-0.1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

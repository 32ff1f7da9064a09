package ai.callcenter.ml.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OosReportTest {

    @Test
    void aurocCountsCorrectlyOrderedPairsAndHalfTies() {
        // positives 0.9, 0.4; negatives 0.1, 0.4, 0.6. Pairs (pos > neg): 0.9 beats all 3; 0.4 beats 0.1,
        // ties 0.4 (one half), loses to 0.6: (3 + 1 + 0.5) / 6 = 0.75.
        double[] score = {0.9, 0.1, 0.4, 0.4, 0.6};
        boolean[] positive = {true, false, true, false, false};
        assertThat(OosReport.auroc(score, positive)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void aurocIsOneForAPerfectSeparationAndHalfForConstantScores() {
        assertThat(OosReport.auroc(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {false, false, true, true})).isEqualTo(1.0);
        assertThat(OosReport.auroc(new double[] {1, 1, 1, 1}, new boolean[] {false, true, false, true})).isEqualTo(0.5);
    }

    @Test
    void flaggedInScopeTicketsCountAsWrong() {
        // 2 out of scope (one caught), 4 in scope: one flagged, one misclassified, two right.
        boolean[] oos = {true, true, false, false, false, false};
        double[] score = {5, 0, 4, 0, 0, 0};
        boolean[] flagged = {true, false, true, false, false, false};
        boolean[] correct = {false, false, true, false, true, true};
        OosReport report = OosReport.of(oos, score, flagged, correct);
        assertThat(report.oosRecall()).isEqualTo(0.5);
        assertThat(report.oosPrecision()).isEqualTo(0.5);
        assertThat(report.inScopeAccuracy()).isEqualTo(0.5);
        assertThat(report.inScopeFlagged()).isEqualTo(0.25);
        // of the 3 in-scope tickets left unflagged, 2 are right
        assertThat(report.inScopeKeptAccuracy()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(report.nOos()).isEqualTo(2);
        assertThat(report.nInScope()).isEqualTo(4);
    }

    @Test
    void precisionIsAbsentWhenNothingIsFlagged() {
        OosReport report = OosReport.of(new boolean[] {true, false}, new double[] {1, 0}, new boolean[] {false, false},
                new boolean[] {false, true});
        assertThat(report.oosPrecision()).isNull();
        assertThat(report.oosRecall()).isZero();
    }

    @Test
    void recallAtAnAccuracyBarStopsWhereInScopeAccuracyWouldFallBelowIt() {
        // Sorted by score: oos(9), oos(8), in-right(7), oos(6), in-right(1), in-right(0).
        boolean[] oos = {true, true, false, true, false, false};
        double[] score = {9, 8, 7, 6, 1, 0};
        boolean[] correct = {false, false, true, false, true, true};
        // Keeping all 3 in-scope right: both top oos caught (2/3); flagging the 7 drops accuracy to 2/3.
        assertThat(OosReport.recallAtInScopeAccuracy(oos, score, correct, 1.0)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(OosReport.recallAtInScopeAccuracy(oos, score, correct, 0.6)).isEqualTo(1.0);
    }
}

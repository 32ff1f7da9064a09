package ai.callcenter.tools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromqlSignalsTest {

    @Test
    void comparisonsAndConjunctionsSplitIntoTheirSignals() {
        assertThat(PromqlSignals.of("job:error_ratio5m{job=~\"agent|tfidf\"} > 0.05 and job:rate5m > 0.1"))
                .containsExactly("job:error_ratio5m{job=~\"agent|tfidf\"}", "job:rate5m");
    }

    @Test
    void ratiosStayWholeAndConstantsAreDropped() {
        assertThat(PromqlSignals.of("sum by (job) (rate(a_total[10m])) / clamp_min(sum by (job) (rate(b_total[10m])), 1e-9) > 0.2"))
                .containsExactly("sum by (job) (rate(a_total[10m])) / clamp_min(sum by (job) (rate(b_total[10m])), 1e-9)");
    }

    @Test
    void absentWatchesItsArgumentAndUnlessKeepsItsLeftSide() {
        assertThat(PromqlSignals.of("absent(up{job=\"tfidf\"} == 1)")).containsExactly("up{job=\"tfidf\"}");
        assertThat(PromqlSignals.of("absent_over_time(up{job=\"agent\"}[5m])")).containsExactly("up{job=\"agent\"}");
        assertThat(PromqlSignals.of("up == 0 unless on (job) maintenance")).containsExactly("up");
    }

    @Test
    void modifiersAfterAnOperatorBelongToNeitherSide() {
        assertThat(PromqlSignals.of("(a > 14.4 * 0.001) and on (job) group_left b > 0 and c == bool 1"))
                .containsExactly("a", "b", "c");
        assertThat(PromqlSignals.of("vector(1)")).isEmpty();
    }

    @Test
    void alternativesAreEachASignalAndGuardsAreNot() {
        assertThat(PromqlSignals.of("sum(x{le=\"0.5\"}) or on() vector(0)")).containsExactly("sum(x{le=\"0.5\"})");
        assertThat(PromqlSignals.of("(sum by (job) (up) or label_replace(vector(0), \"job\", \"agent\", \"\", \"\")) < 1"))
                .containsExactly("sum by (job) (up)");
        assertThat(PromqlSignals.of("(a or b * 0) == 0 and on (job) c > 0.01")).containsExactly("a", "c");
        assertThat(PromqlSignals.of("(r > 0.5 or (r > 0.2 and r > 2 * avg_over_time(r[7d]))) and on (job) rate(n[30m]) > 0.05"))
                .containsExactly("r", "r", "r", "2 * avg_over_time(r[7d])", "rate(n[30m])");
    }
}

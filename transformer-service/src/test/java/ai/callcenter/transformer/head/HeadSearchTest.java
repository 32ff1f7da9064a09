package ai.callcenter.transformer.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.callcenter.ml.training.Progress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadSearchTest {

    private static final LinearTrainer LINEAR = new LinearTrainer(1, 0.1, true);

    @Test
    void candidateSpecsBecomeCandidates() {
        HeadSearch.CandidateFactory seeded = seed -> constant("other seed=" + seed);
        List<HeadSearch.Candidate> candidates = HeadSearch.parse(List.of("lr:0.3", "svm:1", "other"), LINEAR,
                Map.of("other", seeded), 7);
        assertThat(candidates).extracting(HeadSearch.Candidate::describe)
                .containsExactly("lr C=0.3", "svm C=1.0", "other seed=7");
        assertThat(candidates.get(0).params()).containsEntry("head", "lr").containsEntry("C", 0.3);
    }

    @Test
    void badSpecsAreRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> HeadSearch.parse(List.of("lr"), LINEAR, Map.of(), 1)).hasMessageContaining("lr:0.3");
        assertThatThrownBy(() -> HeadSearch.parse(List.of("forest:3"), LINEAR, Map.of(), 1))
                .hasMessageContaining("use lr:C or svm:C");
        // The service never trains the MLP: only the tools register it.
        assertThatThrownBy(() -> HeadSearch.parse(List.of("mlp"), LINEAR, Map.of(), 1))
                .hasMessageContaining("trained by bin/callcenter train");
    }

    @Test
    void searchPicksTheBetterCandidateOnValidation() {
        // Two classes split by the sign of the first coordinate; a constant head cannot learn it.
        float[][] x = new float[60][];
        int[] y = new int[60];
        for (int i = 0; i < 60; i++) {
            y[i] = i % 2;
            x[i] = new float[] {y[i] == 0 ? -1f - i / 100f : 1f + i / 100f, (i % 7) / 7f};
        }
        List<HeadSearch.Candidate> candidates = new java.util.ArrayList<>(List.of(constant("constant")));
        candidates.addAll(HeadSearch.parse(List.of("lr:1"), LINEAR, Map.of(), 1));
        HeadSearch.Result result = HeadSearch.run(candidates, x, y, x, y, x, y, 2, ai.callcenter.ml.training.Progress.silent());
        assertThat(result.winner().describe()).isEqualTo("lr C=1.0");
        assertThat(result.validationAccuracy()).isEqualTo(1.0);
        assertThat(result.trials()).hasSize(2);
        assertThat(result.temperature()).isPositive();
    }

    /** A head that always answers class 0, whatever it is trained on. */
    private static HeadSearch.Candidate constant(String name) {
        return new HeadSearch.Candidate() {
            public String describe() {
                return name;
            }

            public Map<String, Object> params() {
                return Map.of("head", "constant");
            }

            public ClassificationHead train(float[][] xs, int[] ys, int classes) {
                return new LinearHead("constant", Standardizer.identity(2), new double[][] {{0, 0}, {0, 0}}, new double[] {1, 0});
            }
        };
    }
}

package ai.callcenter.transformer.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadSearchTest {

    private static final HeadProperties.MlpProperties MLP = new HeadProperties.MlpProperties(8, 1, 8, 1e-3, 0, 0);
    private static final LinearTrainer LINEAR = new LinearTrainer(1, 0.1, true);

    @Test
    void candidateSpecsBecomeCandidates() {
        List<HeadSearch.Candidate> candidates = HeadSearch.parse(List.of("lr:0.3", "svm:1", "mlp"), LINEAR, MLP, 1);
        assertThat(candidates).extracting(HeadSearch.Candidate::describe)
                .containsExactly("lr C=0.3", "svm C=1.0", "mlp hidden=8 epochs=1");
        assertThat(candidates.get(0).params()).containsEntry("head", "lr").containsEntry("C", 0.3);
    }

    @Test
    void badSpecsAreRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> HeadSearch.parse(List.of("lr"), LINEAR, MLP, 1)).hasMessageContaining("lr:0.3");
        assertThatThrownBy(() -> HeadSearch.parse(List.of("forest:3"), LINEAR, MLP, 1)).hasMessageContaining("lr:C, svm:C or mlp");
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
        HeadSearch.Candidate constant = new HeadSearch.Candidate() {
            public String describe() {
                return "constant";
            }

            public java.util.Map<String, Object> params() {
                return java.util.Map.of("head", "constant");
            }

            public ClassificationHead train(float[][] xs, int[] ys, int classes) {
                return new LinearHead("constant", Standardizer.identity(2), new double[][] {{0, 0}, {0, 0}}, new double[] {1, 0});
            }
        };
        List<HeadSearch.Candidate> candidates = new java.util.ArrayList<>(List.of(constant));
        candidates.addAll(HeadSearch.parse(List.of("lr:1"), LINEAR, MLP, 1));
        HeadSearch.Result result = HeadSearch.run(candidates, x, y, x, y, x, y, 2, ai.callcenter.common.cli.Progress.silent());
        assertThat(result.winner().describe()).isEqualTo("lr C=1.0");
        assertThat(result.validationAccuracy()).isEqualTo(1.0);
        assertThat(result.trials()).hasSize(2);
        assertThat(result.temperature()).isPositive();
    }
}

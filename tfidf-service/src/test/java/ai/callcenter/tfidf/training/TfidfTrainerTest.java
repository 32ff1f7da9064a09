package ai.callcenter.tfidf.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.ml.evaluation.ClassificationReport;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.tfidf.TestModels;
import ai.callcenter.tfidf.model.TfidfModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TfidfTrainerTest {

    @Test
    void smallSetsAreCrossValidatedAndEveryExampleScoredOnce() {
        TfidfModel model = new TfidfTrainer(TestModels.crossValidatedSearch())
                .train(TestModels.tinyTickets(), new TrainingContext(42, "c".repeat(64), Progress.silent()));

        Map<String, Object> params = model.metadata().params();
        assertThat(params).containsEntry("selection", "5-fold cross-validation").containsEntry("cross_validation_folds", 5)
                .doesNotContainKey("validation_fraction");
        ClassificationReport heldOut = (ClassificationReport) model.metadata().metrics().get("validation");
        assertThat(heldOut.nTest()).isEqualTo(TestModels.tinyTickets().size());
        assertThat(heldOut.accuracy()).isEqualTo(1.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> search = (Map<String, Object>) model.metadata().metrics().get("search_validation_accuracy");
        // The four grid values plus the midpoints around whichever one won (one or two of them).
        assertThat(search.size()).isBetween(5, 6);
    }

    @Test
    void largeSetsUseOneValidationSplitAndTheGridOnly() {
        TfidfTrainingProperties production = TestModels.crossValidatedSearch();
        TfidfTrainingProperties noCrossValidation = new TfidfTrainingProperties(production.features(), production.weightings(),
                production.validationFraction(), production.crossValidationFolds(), TestModels.tinyTickets().size() - 1,
                production.cGrid(), production.refineC(), production.solvers(), production.epsilon(), production.oos());
        TfidfModel model = new TfidfTrainer(noCrossValidation)
                .train(TestModels.tinyTickets(), new TrainingContext(42, "d".repeat(64), Progress.silent()));

        assertThat(model.metadata().params()).containsEntry("selection", "validation split of 0.15")
                .containsEntry("validation_fraction", 0.15).doesNotContainKey("cross_validation_folds");
        ClassificationReport heldOut = (ClassificationReport) model.metadata().metrics().get("validation");
        assertThat(heldOut.nTest()).isEqualTo(36);
        assertThat((Map<?, ?>) model.metadata().metrics().get("search_validation_accuracy")).hasSize(production.cGrid().size());
    }

    @Test
    void refinementTriesTheGeometricMidpointsInsideTheGrid() {
        TfidfTrainer trainer = new TfidfTrainer(TestModels.crossValidatedSearch());

        assertThat(trainer.geometricNeighbours(1.0)).containsExactly(0.55, 1.7);
        assertThat(trainer.geometricNeighbours(0.1)).containsExactly(0.17);
        assertThat(trainer.geometricNeighbours(3.0)).containsExactly(1.7);
    }
}

package ai.callcenter.tfidf.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.ml.dataset.CsvDatasetReader;
import ai.callcenter.ml.dataset.Dataset;
import ai.callcenter.ml.evaluation.ClassificationReport;
import ai.callcenter.ml.evaluation.ModelEvaluation;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.testing.SharedData;
import ai.callcenter.tfidf.TestModels;
import ai.callcenter.tfidf.model.TfidfModel;
import org.junit.jupiter.api.Test;

/**
 * The production recipe on Banking77's official train/test split: the test file is never seen in
 * training or in the hyper-parameter search (the production search, on a validation split of the
 * training file). The full-size figures for both datasets come from bench/tfidf; this guards against
 * regressions.
 */
class TfidfAccuracyTest {

    @Test
    void banking77HeldOutAccuracyAndCalibration() {
        Dataset train = CsvDatasetReader.read(SharedData.file("banking77/train.csv"), "text", "category");
        Dataset test = CsvDatasetReader.read(SharedData.file("banking77/test.csv"), "text", "category");

        TfidfModel model = new TfidfTrainer(TestModels.productionSearch())
                .train(train.examples(), new TrainingContext(42, train.sha256(), Progress.silent()));
        ClassificationReport report = ModelEvaluation.evaluate(model, test.examples(), Progress.silent());

        assertThat(report.nTest()).isEqualTo(3080);
        assertThat(report.accuracy()).isGreaterThanOrEqualTo(0.91);
        assertThat(report.macroF1()).isGreaterThanOrEqualTo(0.91);
        assertThat(report.ece()).isLessThan(0.04);
    }
}

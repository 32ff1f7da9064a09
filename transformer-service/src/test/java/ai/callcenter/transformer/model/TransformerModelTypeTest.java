package ai.callcenter.transformer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.evaluation.ClassificationReport;
import ai.callcenter.ml.evaluation.ModelEvaluation;
import ai.callcenter.ml.model.Classified;
import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.ModelLoadException;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.oos.ScopeModel;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.transformer.TestSupport;
import ai.callcenter.transformer.encoder.EncoderFiles;
import ai.callcenter.transformer.encoder.Pooling;
import ai.callcenter.transformer.encoder.ShippedEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformerModelTypeTest {

    private static TransformerModelType type(String encoder) {
        return new TransformerModelType(TestSupport.encoderProperties(encoder),
                TestSupport.headProperties(TestSupport.tempRoot(), List.of("lr:0.1")));
    }

    @Test
    void trainedModelLoadsBackAndClassifiesHeldOutTickets() throws Exception {
        Path dir = TestSupport.tinyModel();
        List<LabeledText> test = TestSupport.tinyModelTestSet();
        ModelMetadata metadata = ModelFiles.readMetadata(dir);
        assertThat(metadata.modelType()).isEqualTo("transformer");
        assertThat(metadata.labels()).hasSize(TestSupport.CLASSES);
        assertThat(metadata.nTrain()).isEqualTo(TestSupport.CLASSES * TestSupport.PER_CLASS_TRAIN);
        assertThat(metadata.params()).containsKeys("temperature", "head", "C", "encoder");
        assertThat(Files.exists(dir.resolve("encoder.json"))).isTrue();
        assertThat(dir.resolve(ScopeModel.FILE)).exists();
        assertThat(dir.resolve(ScopeModel.SPACE_FILE)).exists();
        assertThat(metadata.params()).containsEntry("oos_method", "knn+energy");

        TextClassifier loaded = type("bge-small-en-v15-q").load(dir);
        try (AutoCloseable closeable = (AutoCloseable) loaded) {
            ClassificationReport report = ModelEvaluation.evaluate(loaded, test, Progress.silent());
            // 8 banking intents, 30 examples each: chance is 0.125.
            assertThat(report.accuracy()).isGreaterThan(0.8);
            double[] p = loaded.predictProbabilities(test.get(0).text());
            assertThat(p).hasSize(TestSupport.CLASSES);
            assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            List<double[]> batch = loaded.predictProbabilities(List.of(test.get(0).text(), test.get(1).text()));
            assertThat(batch.get(0)).containsExactly(p, org.assertj.core.data.Offset.offset(1e-3));

            // Every answer carries a verdict; a ticket about none of the 8 intents scores above an in-scope one.
            List<Classified> judged = loaded.classify(List.of(test.get(0).text(), "the weather in the mountains is lovely today"));
            assertThat(judged).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
            assertThat(judged.get(1).verdict().score()).isGreaterThan(judged.get(0).verdict().score());
            assertThat(loaded.scope().orElseThrow().detectors()).containsKeys("knn+energy", "msp", "mahalanobis");
        }
    }

    @Test
    void aModelDoesNotLoadWithADifferentEncoder() throws Exception {
        Path dir = TestSupport.tinyModel();
        Path other = TestSupport.tempRoot();
        EncoderFiles minilm = EncoderFiles.extract(ShippedEncoder.ALL_MINILM_L6_V2_Q, other);
        var props = TestSupport.encoderProperties("bge-small-en-v15-q")
                .withDir(minilm.model().getParent().toString(), Pooling.MEAN);
        TransformerModelType withWrongEncoder = new TransformerModelType(props,
                TestSupport.headProperties(TestSupport.tempRoot(), List.of("lr:0.1")));
        assertThatThrownBy(() -> withWrongEncoder.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("not the one the model was trained with");
    }

    @Test
    void notAModelDirectoryIsAClearError() {
        assertThatThrownBy(() -> type("bge-small-en-v15-q").load(TestSupport.tempRoot()))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("metadata.json");
    }

    @Test
    void concatenatedEncodersTrainAndLoadBack() throws Exception {
        List<List<LabeledText>> data = TestSupport.banking77Subset();
        Path root = TestSupport.tempRoot();
        TransformerModelType both = new TransformerModelType(
                TestSupport.encoderProperties("bge-small-en-v15-q+all-minilm-l6-v2-q"),
                TestSupport.headProperties(root.resolve("cache"), List.of("svm:1")));
        Path dir = root.resolve("model");
        try (AutoCloseable trained = (AutoCloseable) both.train(data.get(0),
                new TrainingContext(42, "00112233445566778899", Progress.silent()), dir)) {
            EncoderRecord record = EncoderRecord.read(dir);
            assertThat(record.dimension()).isEqualTo(768);
            assertThat(record.shippedId()).isEqualTo("bge-small-en-v15-q+all-minilm-l6-v2-q");
            // Each part cached on its own, so a single-encoder run reuses the vectors.
            assertThat(Files.list(root.resolve("cache")).count()).isEqualTo(2);
            TextClassifier loaded = type("bge-small-en-v15-q").load(dir);
            try (AutoCloseable closeable = (AutoCloseable) loaded) {
                String text = data.get(1).get(3).text();
                assertThat(loaded.predictProbabilities(text)).containsExactly(
                        ((TextClassifier) trained).predictProbabilities(text), org.assertj.core.data.Offset.offset(1e-6));
                assertThat(ModelEvaluation.evaluate(loaded, data.get(1), Progress.silent()).accuracy()).isGreaterThan(0.8);
            }
        }
    }
}

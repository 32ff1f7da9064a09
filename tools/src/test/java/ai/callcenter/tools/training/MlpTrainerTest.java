package ai.callcenter.tools.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.callcenter.ml.dataset.CsvDatasetReader;
import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.evaluation.ModelEvaluation;
import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.Prediction;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.oos.OosSettings;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.testing.GaussianBlobs;
import ai.callcenter.testing.SharedData;
import ai.callcenter.transformer.encoder.EncoderProperties;
import ai.callcenter.transformer.encoder.Pooling;
import ai.callcenter.transformer.head.ClassificationHead;
import ai.callcenter.transformer.head.HeadProperties;
import ai.callcenter.transformer.head.MlpHead;
import ai.callcenter.transformer.model.TransformerModelLoader;
import ai.callcenter.transformer.model.TransformerModelType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLP head is trained here with PyTorch (the tools are the only place PyTorch runs) and served
 * by the transformer service in plain Java: the two must agree.
 */
class MlpTrainerTest {

    private static final int DIM = 16;
    private static final int CLASSES = 4;
    private static final HeadProperties.MlpProperties SMALL = new HeadProperties.MlpProperties(32, 20, 32, 1e-2, 0.1, 1e-4);

    @Test
    void mlpHeadTrainsWithPyTorchAndServesInJava(@TempDir Path dir) {
        int[] trainY = new int[400];
        float[][] trainX = blobs(400, trainY, 4);
        int[] testY = new int[200];
        float[][] testX = blobs(200, testY, 5);
        MlpHead head = new MlpTrainer(SMALL, 42).train(trainX, trainY, CLASSES);
        assertThat(accuracy(head, testX, testY)).isGreaterThan(0.95);
        head.write(dir);
        MlpHead read = MlpHead.read(dir);
        for (float[] row : testX) {
            assertThat(read.scores(row)).containsExactly(head.scores(row));
        }
    }

    @Test
    void theServiceLoadsAnMlpModelTheToolsTrained(@TempDir Path dir) throws Exception {
        List<LabeledText> train = new ArrayList<>();
        List<LabeledText> test = new ArrayList<>();
        banking77Subset(train, test);
        EncoderProperties encoder = new EncoderProperties("bge-small-en-v15-q", "", Pooling.MEAN, 128, 16, 0, 0,
                System.getProperty("java.io.tmpdir") + "/callcenter-encoders",
                EncoderProperties.DEFAULT_FETCHED_DIR);
        HeadProperties head = new HeadProperties(0.2, List.of(MlpHead.KIND), 0.1, true, 0, dir.resolve("cache").toString(),
                new HeadProperties.MlpProperties(64, 15, 32, 1e-3, 0.1, 1e-4),
                new OosSettings("knn+energy", List.of("msp", "mahalanobis"), 0.95, 0.1, 5),
                HeadProperties.CrossLingualProperties.NONE);
        // Only the MLP is a candidate, so it must be the one written and loaded.
        TransformerModelType mlpOnly = new TransformerModelType(encoder, head,
                Map.of(MlpHead.KIND, seed -> MlpTrainer.candidate(head.mlp(), seed)));
        Path model = dir.resolve("model");
        TextClassifier trained = mlpOnly.train(train, new TrainingContext(42, "fedcba9876543210", Progress.silent()), model);
        try {
            assertThat(ModelFiles.readMetadata(model).params()).containsEntry("head", MlpHead.KIND);
            TextClassifier served = new TransformerModelLoader(encoder).load(model);
            try {
                String text = test.get(0).text();
                assertThat(served.predictProbabilities(text)).containsExactly(trained.predictProbabilities(text), offset(1e-6));
                assertThat(ModelEvaluation.evaluate(served, test, Progress.silent()).accuracy()).isGreaterThan(0.7);
            } finally {
                ModelTypes.release(served);
            }
        } finally {
            ModelTypes.release(trained);
        }
    }

    /** The first four Banking77 categories: 30 training and 10 test texts each. */
    private static void banking77Subset(List<LabeledText> train, List<LabeledText> test) {
        Map<String, List<LabeledText>> byLabel = new LinkedHashMap<>();
        for (LabeledText e : CsvDatasetReader.read(SharedData.file("banking77/train.csv"), "text", "category").examples()) {
            if (byLabel.size() < CLASSES || byLabel.containsKey(e.label())) {
                byLabel.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
            }
        }
        for (List<LabeledText> group : byLabel.values()) {
            train.addAll(group.subList(0, 30));
            test.addAll(group.subList(30, 40));
        }
    }

    private static float[][] blobs(int n, int[] y, long seed) {
        return GaussianBlobs.sample(n, y, seed, CLASSES, DIM);
    }

    private static double accuracy(ClassificationHead head, float[][] x, int[] y) {
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            if (Prediction.argMax(head.scores(x[i])) == y[i]) {
                correct++;
            }
        }
        return (double) correct / x.length;
    }
}

package ai.callcenter.transformer;

import ai.callcenter.ml.dataset.CsvDatasetReader;
import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.oos.OosSettings;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.testing.SharedData;
import ai.callcenter.transformer.encoder.EncoderProperties;
import ai.callcenter.transformer.encoder.Pooling;
import ai.callcenter.transformer.head.HeadProperties;
import ai.callcenter.transformer.model.TransformerModelType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.FileSystemUtils;

/** Small real data and one tiny trained model shared by the tests of this JVM. */
public final class TestSupport {

    public static final int CLASSES = 8;
    public static final int PER_CLASS_TRAIN = 30;
    public static final int PER_CLASS_TEST = 10;

    private static Path tinyModel;
    private static List<LabeledText> held;

    private TestSupport() {
    }

    /** A fresh directory, deleted when the test JVM exits (models and extracted encoders are tens of MB). */
    public static Path tempRoot() {
        try {
            Path dir = Files.createTempDirectory("transformer-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    FileSystemUtils.deleteRecursively(dir);
                } catch (IOException ignored) {
                    // best effort: the OS cleans the temp directory eventually
                }
            }));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Dot product; the cosine of two unit vectors. */
    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static EncoderProperties encoderProperties(String name) {
        return new EncoderProperties(name, "", Pooling.MEAN, 128, 16, 0, 0,
                System.getProperty("java.io.tmpdir") + "/callcenter-encoders",
                EncoderProperties.DEFAULT_FETCHED_DIR);
    }

    public static HeadProperties headProperties(Path cacheDir, List<String> candidates) {
        return new HeadProperties(0.2, candidates, 0.1, true, 0, cacheDir.toString(),
                new HeadProperties.MlpProperties(64, 15, 32, 1e-3, 0.1, 1e-4),
                new OosSettings("knn+energy", List.of("msp", "mahalanobis"), 0.95, 0.1, 5),
                HeadProperties.CrossLingualProperties.NONE);
    }

    /** The first {@link #CLASSES} Banking77 categories: {@code PER_CLASS_TRAIN} train and {@code PER_CLASS_TEST} test texts each. */
    public static synchronized List<List<LabeledText>> banking77Subset() {
        List<LabeledText> all = CsvDatasetReader.read(SharedData.file("banking77/train.csv"), "text", "category")
                .examples();
        Map<String, List<LabeledText>> byLabel = new LinkedHashMap<>();
        for (LabeledText e : all) {
            if (byLabel.size() < CLASSES || byLabel.containsKey(e.label())) {
                byLabel.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
            }
        }
        List<LabeledText> train = new ArrayList<>();
        List<LabeledText> test = new ArrayList<>();
        for (List<LabeledText> group : byLabel.values()) {
            train.addAll(group.subList(0, PER_CLASS_TRAIN));
            test.addAll(group.subList(PER_CLASS_TRAIN, PER_CLASS_TRAIN + PER_CLASS_TEST));
        }
        return List.of(train, test);
    }

    /** Trains (once per JVM) a linear-head model on the subset; returns its directory. */
    public static synchronized Path tinyModel() {
        if (tinyModel == null) {
            Path root = tempRoot();
            List<List<LabeledText>> data = banking77Subset();
            TransformerModelType type = new TransformerModelType(encoderProperties("bge-small-en-v15-q"),
                    headProperties(root.resolve("cache"), List.of("lr:0.1", "svm:0.01")));
            Path dir = root.resolve("model");
            try (var classifier = (AutoCloseable) type.train(data.get(0),
                    new TrainingContext(42, "0123456789abcdef", Progress.silent()), dir)) {
                tinyModel = dir;
                held = data.get(1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return tinyModel;
    }

    public static synchronized List<LabeledText> tinyModelTestSet() {
        tinyModel();
        return held;
    }
}

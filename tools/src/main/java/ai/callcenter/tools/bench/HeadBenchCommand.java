package ai.callcenter.tools.bench;

import ai.callcenter.ml.dataset.CsvDatasetReader;
import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.dataset.StratifiedSplit;
import ai.callcenter.ml.model.Prediction;
import ai.callcenter.ml.model.TextNormalization;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import ai.callcenter.tools.training.MlpTrainer;
import ai.callcenter.transformer.encoder.EmbeddingCache;
import ai.callcenter.transformer.encoder.EncoderFiles;
import ai.callcenter.transformer.encoder.EncoderProperties;
import ai.callcenter.transformer.encoder.OnnxSentenceEncoder;
import ai.callcenter.transformer.encoder.Pooling;
import ai.callcenter.transformer.head.ClassificationHead;
import ai.callcenter.transformer.head.HeadProperties;
import ai.callcenter.transformer.head.HeadSearch;
import ai.callcenter.transformer.head.LinearTrainer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Head comparison on cached embeddings, for the docs: every candidate is trained on the full
 * training set and scored on the test set. Not used for model selection (training selects on a
 * validation split).
 */
@Command(name = "heads", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "Test accuracy of classification heads on frozen encoder vectors (lr, svm, their raw variants, mlp).",
        footer = {"", "Example:",
                "  callcenter bench heads --encoder bge-small-en-v15-q --train ../shared/data/banking77/train.csv \\",
                "      --test ../shared/data/banking77/test.csv --text-col text --label-col category \\",
                "      --cache-dir var/embedding-cache --heads lr:0.1,svm:0.01,mlp:512:30"})
public final class HeadBenchCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--encoder", required = true, description = "a shipped encoder, or two joined by '+'")
    String encoderName;

    @Option(names = "--train", required = true, paramLabel = "TRAIN.csv")
    Path train;

    @Option(names = "--test", paramLabel = "TEST.csv", description = "default: a stratified 20 %% of --train")
    Path test;

    @Option(names = "--cache-dir", required = true, paramLabel = "DIR", description = "embedding cache")
    Path cacheDir;

    @Option(names = "--heads", required = true, split = ",", paramLabel = "SPEC",
            description = "lr:C, svm:C, lrraw:C, svmraw:C (not standardised) or mlp:HIDDEN:EPOCHS[:DROPOUT]")
    List<String> heads;

    @Option(names = "--epsilon", defaultValue = "0.01", description = "liblinear tolerance (default: ${DEFAULT-VALUE})")
    double epsilon;

    private static final double TEST_SHARE = 0.2;
    private static final long SEED = 42;

    private final Console console;

    public HeadBenchCommand(Console console) {
        this.console = console;
    }

    private static float[][] concat(float[][] a, float[][] b) {
        if (a == null) {
            return b;
        }
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = java.util.Arrays.copyOf(a[i], a[i].length + b[i].length);
            System.arraycopy(b[i], 0, out[i], a[i].length, b[i].length);
        }
        return out;
    }

    @Override
    public Integer call() {
        List<LabeledText> trainSet = CsvDatasetReader.read(train, columns.text, columns.label).examples();
        List<LabeledText> testSet;
        if (test == null) {
            StratifiedSplit.Split split = StratifiedSplit.split(trainSet, TEST_SHARE, SEED);
            trainSet = split.train();
            testSet = split.test();
        } else {
            testSet = CsvDatasetReader.read(test, columns.text, columns.label).examples();
        }
        Progress progress = new Progress(console.err());
        List<String> labels = List.copyOf(new TreeSet<>(trainSet.stream().map(LabeledText::label).toList()));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        // "a+b" concatenates the vectors of two encoders (each unit length).
        float[][] trainX = null;
        float[][] testX = null;
        for (String name : encoderName.split("\\+")) {
            EncoderProperties props = new EncoderProperties(name, "", Pooling.MEAN, 256, 32, 0, 0,
                    System.getProperty("java.io.tmpdir") + "/callcenter-encoders",
                EncoderProperties.DEFAULT_FETCHED_DIR);
            try (OnnxSentenceEncoder encoder = new OnnxSentenceEncoder(EncoderFiles.resolve(props), props)) {
                EmbeddingCache cache = new EmbeddingCache(encoder, cacheDir);
                trainX = concat(trainX, cache.encodeAll(trainSet.stream().map(e -> TextNormalization.collapseWhitespace(e.text())).toList(), progress));
                testX = concat(testX, cache.encodeAll(testSet.stream().map(e -> TextNormalization.collapseWhitespace(e.text())).toList(), progress));
            }
        }
        {
            int[] trainY = trainSet.stream().mapToInt(e -> index.get(e.label())).toArray();
            int[] testY = testSet.stream().mapToInt(e -> index.getOrDefault(e.label(), -1)).toArray();
            LinearTrainer linear = new LinearTrainer(Runtime.getRuntime().availableProcessors(), epsilon, true);
            LinearTrainer raw = new LinearTrainer(Runtime.getRuntime().availableProcessors(), epsilon, false);
            for (String spec : heads) {
                String[] p = spec.split(":");
                long started = System.nanoTime();
                ClassificationHead head = switch (p[0]) {
                    case "lr" -> linear.train(trainX, trainY, labels.size(), LinearTrainer.Solver.LR, Double.parseDouble(p[1]));
                    case "lrraw" -> raw.train(trainX, trainY, labels.size(), LinearTrainer.Solver.LR, Double.parseDouble(p[1]));
                    case "svmraw" -> raw.train(trainX, trainY, labels.size(), LinearTrainer.Solver.SVM, Double.parseDouble(p[1]));
                    case "svm" -> linear.train(trainX, trainY, labels.size(), LinearTrainer.Solver.SVM, Double.parseDouble(p[1]));
                    case "mlp" -> new MlpTrainer(new HeadProperties.MlpProperties(Integer.parseInt(p[1]),
                            Integer.parseInt(p[2]), 64, 1e-3, p.length > 3 ? Double.parseDouble(p[3]) : 0.2, 1e-4), 42)
                            .train(trainX, trainY, labels.size());
                    default -> throw new IllegalArgumentException(spec);
                };
                double seconds = (System.nanoTime() - started) / 1e9;
                double[][] scores = HeadSearch.scoreAll(head, testX);
                int correct = 0;
                for (int i = 0; i < testY.length; i++) {
                    if (ai.callcenter.ml.model.Prediction.argMax(scores[i]) == testY[i]) {
                        correct++;
                    }
                }
                console.out().printf("%s %s n_train=%d n_test=%d test_accuracy=%.4f train_seconds=%.1f%n", encoderName,
                        spec, trainX.length, testX.length, (double) correct / testY.length, seconds);
            }
        }
        return 0;
    }
}

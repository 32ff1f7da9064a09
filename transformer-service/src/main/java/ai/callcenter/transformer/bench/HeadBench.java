package ai.callcenter.transformer.bench;

import ai.callcenter.common.cli.Progress;
import ai.callcenter.common.dataset.CsvDatasetReader;
import ai.callcenter.common.dataset.Dataset;
import ai.callcenter.common.dataset.LabeledText;
import ai.callcenter.common.dataset.StratifiedSplit;
import ai.callcenter.common.model.TextNormalization;
import ai.callcenter.transformer.encoder.EmbeddingCache;
import ai.callcenter.transformer.encoder.EncoderFiles;
import ai.callcenter.transformer.encoder.EncoderProperties;
import ai.callcenter.transformer.encoder.OnnxSentenceEncoder;
import ai.callcenter.transformer.encoder.Pooling;
import ai.callcenter.transformer.head.ClassificationHead;
import ai.callcenter.transformer.head.HeadProperties;
import ai.callcenter.transformer.head.HeadSearch;
import ai.callcenter.transformer.head.LinearTrainer;
import ai.callcenter.transformer.head.MlpTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Head comparison on cached embeddings, for the docs: every candidate is trained on the full
 * training set and scored on the test set. Not used for model selection (training selects on a
 * validation split).
 *
 * <p>Usage: {@code HeadBench <encoder> <train.csv> <test.csv|-> <text-col> <label-col> <cache-dir> <candidates>}
 * where candidates is e.g. {@code lr:0.1,svm:0.01,mlp:512:30}.
 */
public final class HeadBench {
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

    public static void main(String[] args) {
        String encoderName = args[0];
        Dataset train = CsvDatasetReader.read(Path.of(args[1]), args[3], args[4]);
        List<LabeledText> trainSet = train.examples();
        List<LabeledText> testSet;
        if (args[2].equals("-")) {
            StratifiedSplit.Split split = StratifiedSplit.split(trainSet, 0.2, 42);
            trainSet = split.train();
            testSet = split.test();
        } else {
            testSet = CsvDatasetReader.read(Path.of(args[2]), args[3], args[4]).examples();
        }
        Progress progress = Progress.stderr();
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
                    System.getProperty("java.io.tmpdir") + "/callcenter-encoders");
            try (OnnxSentenceEncoder encoder = new OnnxSentenceEncoder(EncoderFiles.resolve(props), props)) {
                EmbeddingCache cache = new EmbeddingCache(encoder, Path.of(args[5]));
                trainX = concat(trainX, cache.encodeAll(trainSet.stream().map(e -> TextNormalization.collapseWhitespace(e.text())).toList(), progress));
                testX = concat(testX, cache.encodeAll(testSet.stream().map(e -> TextNormalization.collapseWhitespace(e.text())).toList(), progress));
            }
        }
        {
            int[] trainY = trainSet.stream().mapToInt(e -> index.get(e.label())).toArray();
            int[] testY = testSet.stream().mapToInt(e -> index.getOrDefault(e.label(), -1)).toArray();
            double eps = Double.parseDouble(System.getProperty("bench.epsilon", "0.01"));
            LinearTrainer linear = new LinearTrainer(Runtime.getRuntime().availableProcessors(), eps, true);
            LinearTrainer raw = new LinearTrainer(Runtime.getRuntime().availableProcessors(), eps, false);
            for (String spec : args[6].split(",")) {
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
                    if (ai.callcenter.common.model.Prediction.argMax(scores[i]) == testY[i]) {
                        correct++;
                    }
                }
                System.out.printf("%s %s n_train=%d n_test=%d test_accuracy=%.4f train_seconds=%.1f%n", encoderName,
                        spec, trainX.length, testX.length, (double) correct / testY.length, seconds);
            }
        }
    }
}

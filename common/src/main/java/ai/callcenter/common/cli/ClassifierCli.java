package ai.callcenter.common.cli;

import ai.callcenter.common.dataset.CsvDatasetReader;
import ai.callcenter.common.dataset.Dataset;
import ai.callcenter.common.dataset.DatasetException;
import ai.callcenter.common.dataset.LabeledText;
import ai.callcenter.common.dataset.StratifiedSplit;
import ai.callcenter.common.metrics.ClassificationReport;
import ai.callcenter.common.metrics.ModelEvaluation;
import ai.callcenter.common.model.ModelFiles;
import ai.callcenter.common.model.ModelLoadException;
import ai.callcenter.common.model.ModelMetadata;
import ai.callcenter.common.model.ModelType;
import ai.callcenter.common.model.TextClassifier;
import ai.callcenter.common.model.TrainingContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stable {@code train} / {@code evaluate} command line shared by every model type. Progress goes
 * to stderr; the last line of stdout is one JSON object with the metrics.
 */
public final class ClassifierCli {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    private static final double DEFAULT_TEST_SPLIT = 0.2;
    private static final long DEFAULT_SEED = 42;
    private static final Set<String> TRAIN_OPTIONS =
            Set.of("model", "data", "test", "test-split", "seed", "text-col", "label-col", "out");
    private static final Set<String> EVALUATE_OPTIONS = Set.of("model-dir", "data", "text-col", "label-col");

    private final ModelType modelType;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final ObjectMapper json = new ObjectMapper();

    public ClassifierCli(ModelType modelType, PrintStream stdout, PrintStream stderr) {
        this.modelType = modelType;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("train") || args[0].equals("evaluate"));
    }

    public int run(String[] args) {
        try {
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            Map<String, Object> result = switch (args[0]) {
                case "train" -> train(CliArguments.parse(rest, TRAIN_OPTIONS));
                case "evaluate" -> evaluate(CliArguments.parse(rest, EVALUATE_OPTIONS));
                default -> throw new UsageException("unknown command '" + args[0] + "'; use train or evaluate");
            };
            stdout.println(json.writeValueAsString(result));
            return EXIT_OK;
        } catch (UsageException e) {
            stderr.println("error: " + e.getMessage());
            return EXIT_USAGE;
        } catch (DatasetException | ModelLoadException | IllegalArgumentException e) {
            stderr.println("error: " + e.getMessage());
            return EXIT_FAILED;
        } catch (JsonProcessingException e) {
            stderr.println("error: cannot write the result as JSON: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private Map<String, Object> train(CliArguments args) {
        String model = args.get("model", modelType.name());
        if (!model.equals(modelType.name())) {
            throw new UsageException("--model " + model + " is not served by this program (it trains " + modelType.name() + ")");
        }
        if (args.has("test") && args.has("test-split")) {
            throw new UsageException("give either --test or --test-split, not both");
        }
        String textColumn = args.get("text-col", "text");
        String labelColumn = args.get("label-col", "label");
        Path out = Path.of(args.required("out"));
        long seed = args.getLong("seed", DEFAULT_SEED);
        Progress progress = new Progress(stderr);

        Dataset data = CsvDatasetReader.read(Path.of(args.required("data")), textColumn, labelColumn);
        reportSkipped(data);
        List<LabeledText> train;
        List<LabeledText> test;
        if (args.has("test")) {
            Dataset testData = CsvDatasetReader.read(Path.of(args.get("test", null)), textColumn, labelColumn);
            reportSkipped(testData);
            train = data.examples();
            test = testData.examples();
        } else {
            double fraction = args.getDouble("test-split", DEFAULT_TEST_SPLIT);
            if (!(fraction > 0 && fraction < 1)) {
                throw new UsageException("--test-split must be between 0 and 1, got " + fraction);
            }
            StratifiedSplit.Split split = StratifiedSplit.split(data.examples(), fraction, seed);
            train = split.train();
            test = split.test();
        }
        long classes = train.stream().map(LabeledText::label).distinct().count();
        if (classes < 2) {
            throw new DatasetException("training data has " + classes + " class(es); at least 2 are needed");
        }
        if (test.isEmpty()) {
            throw new DatasetException("the test set is empty");
        }
        progress.step("training " + modelType.name() + " on " + train.size() + " examples, " + classes
                + " classes; testing on " + test.size());

        long started = System.nanoTime();
        TextClassifier classifier = modelType.train(train, new TrainingContext(seed, data.sha256(), progress), out);
        double trainSeconds = (System.nanoTime() - started) / 1e9;

        ClassificationReport report = ModelEvaluation.evaluate(classifier, test, progress);
        ModelMetadata metadata = ModelFiles.readMetadata(out);
        Map<String, Object> metrics = new LinkedHashMap<>(metadata.metrics() == null ? Map.of() : metadata.metrics());
        metrics.put("test", report);
        metrics.put("train_seconds", trainSeconds);
        ModelFiles.writeMetadata(out, metadata.withMetrics(metrics));

        Map<String, Object> result = summary(report, metadata);
        result.put("n_train", train.size());
        result.put("train_seconds", round(trainSeconds));
        result.put("model_dir", out.toAbsolutePath().toString());
        ModelFiles.writeJson(out.resolve(ModelFiles.METRICS), result);
        progress.step(String.format("accuracy %.4f  macro-F1 %.4f  ECE %.4f  (%d test examples, trained in %.1f s)",
                report.accuracy(), report.macroF1(), report.ece(), report.nTest(), trainSeconds));
        return result;
    }

    private Map<String, Object> evaluate(CliArguments args) {
        Path modelDir = Path.of(args.required("model-dir"));
        Dataset data = CsvDatasetReader.read(Path.of(args.required("data")),
                args.get("text-col", "text"), args.get("label-col", "label"));
        reportSkipped(data);
        Progress progress = new Progress(stderr);
        progress.step("loading model from " + modelDir);
        TextClassifier classifier = modelType.load(modelDir);
        ClassificationReport report = ModelEvaluation.evaluate(classifier, data.examples(), progress);
        progress.step(String.format("accuracy %.4f  macro-F1 %.4f  ECE %.4f  (%d examples)",
                report.accuracy(), report.macroF1(), report.ece(), report.nTest()));
        Map<String, Object> result = summary(report, classifier.metadata());
        result.put("n_train", classifier.metadata().nTrain());
        result.put("data_sha256", data.sha256());
        return result;
    }

    private Map<String, Object> summary(ClassificationReport report, ModelMetadata metadata) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", metadata.modelType());
        result.put("model_version", metadata.version());
        result.put("accuracy", round(report.accuracy()));
        result.put("macro_f1", round(report.macroF1()));
        result.put("weighted_f1", round(report.weightedF1()));
        result.put("ece", round(report.ece()));
        result.put("n_test", report.nTest());
        result.put("per_class", report.perClass());
        result.put("coverage_curve", report.coverageCurve());
        result.put("confusion_matrix", report.confusionMatrix());
        return result;
    }

    private void reportSkipped(Dataset data) {
        if (data.skippedRows() > 0) {
            stderr.println("warning: skipped " + data.skippedRows() + " row(s) with an empty text or label");
        }
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}

package ai.callcenter.tools.training;

import ai.callcenter.ml.dataset.Dataset;
import ai.callcenter.ml.dataset.DatasetException;
import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.dataset.StratifiedSplit;
import ai.callcenter.ml.evaluation.ClassificationReport;
import ai.callcenter.ml.evaluation.ModelEvaluation;
import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.ModelType;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import ai.callcenter.tools.io.Datasets;
import ai.callcenter.tools.tracking.PersonalDataGuard;
import ai.callcenter.tools.tracking.TrackingOptions;
import ai.callcenter.tools.tracking.TrackingServer;
import ai.callcenter.tools.tracking.TrainingRuns;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Trains a model into a directory the matching service serves ({@code MODEL_DIR}), then scores it
 * on test data it never saw. The stable contract: progress on stderr, the metrics as one JSON
 * object on the last stdout line, {@code metrics.json} and {@code metadata.json} in the directory.
 */
@Command(name = "train", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "Train a tfidf or transformer model into a directory, then score it on held-out test data.",
        footer = {"", "Example:",
                "  callcenter train --model tfidf --data ../shared/data/banking77/train.csv \\",
                "      --test ../shared/data/banking77/test.csv --text-col text --label-col category --out models/tfidf"})
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--model", required = true, paramLabel = "TYPE", description = "tfidf or transformer")
    String model;

    @Option(names = "--data", required = true, paramLabel = "TRAIN.csv", description = "labelled training tickets")
    Path data;

    @ArgGroup(exclusive = true)
    TestData test = new TestData();

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "seed of every split and search (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "where the model is written")
    Path out;

    @Option(names = "--languages", split = ",", paramLabel = "CODE[,CODE...]",
            description = "ISO 639-1 codes of the training texts' languages; default: detected as the agent detects a ticket's")
    List<String> languages;

    @Mixin
    TrackingOptions tracking;

    /** Either a test file or a share of the data held out for testing. */
    static final class TestData {
        @Option(names = "--test", paramLabel = "TEST.csv", description = "test tickets, same columns as --data")
        Path file;

        @Option(names = "--test-split", paramLabel = "FRACTION",
                description = "else: a stratified share of --data held out for testing (default: 0.2)")
        Double fraction;
    }

    private static final double DEFAULT_TEST_SPLIT = 0.2;
    private static final String LANGUAGE_CODE = "[a-z]{2,3}";

    /** The run's own settings, as MLflow parameters. */
    private Map<String, String> runSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("seed", Long.toString(seed));
        settings.put("test", test.file != null ? "file " + test.file.getFileName()
                : "split " + (test.fraction == null ? DEFAULT_TEST_SPLIT : test.fraction));
        settings.put("data_file", data.getFileName().toString());
        settings.put("text_col", columns.text);
        settings.put("label_col", columns.label);
        return settings;
    }

    @Spec
    CommandSpec spec;

    private final Console console;
    private final ModelTypes modelTypes;

    public TrainCommand(Console console, ModelTypes modelTypes) {
        this.console = console;
        this.modelTypes = modelTypes;
    }

    @Override
    public Integer call() {
        if (!modelTypes.names().contains(model)) {
            throw new ParameterException(spec.commandLine(), "--model must be one of " + modelTypes.names() + ", got '" + model + "'");
        }
        ModelType type = modelTypes.named(model);
        Progress progress = new Progress(console.err());
        Dataset dataset = Datasets.read(data, columns.text, columns.label, console);
        List<LabeledText> train;
        List<LabeledText> testSet;
        if (test.file != null) {
            train = dataset.examples();
            testSet = Datasets.read(test.file, columns.text, columns.label, console).examples();
        } else {
            double fraction = test.fraction == null ? DEFAULT_TEST_SPLIT : test.fraction;
            if (!(fraction > 0 && fraction < 1)) {
                throw new ParameterException(spec.commandLine(), "--test-split must be between 0 and 1, got " + fraction);
            }
            StratifiedSplit.Split split = StratifiedSplit.split(dataset.examples(), fraction, seed);
            train = split.train();
            testSet = split.test();
        }
        Optional<TrackingServer> server = TrackingServer.configured().map(TrackingServer::requireReachable);
        if (server.isPresent()) {
            PersonalDataGuard.requireScrubbed(train, "--data");
            PersonalDataGuard.requireScrubbed(testSet, test.file != null ? "--test" : "--data");
        }
        long classes = train.stream().map(LabeledText::label).distinct().count();
        if (classes < 2) {
            throw new DatasetException("training data has " + classes + " class(es); at least 2 are needed");
        }
        if (testSet.isEmpty()) {
            throw new DatasetException("the test set is empty");
        }
        progress.step("training " + type.name() + " on " + train.size() + " examples, " + classes + " classes; testing on "
                + testSet.size());

        long started = System.nanoTime();
        if (languages != null && languages.stream().anyMatch(code -> !code.matches(LANGUAGE_CODE))) {
            throw new ParameterException(spec.commandLine(), "--languages takes ISO 639-1 codes such as en,de; got " + languages);
        }
        List<String> trainingLanguages = languages != null ? languages : TrainingLanguages.detect(train, seed);
        progress.step("training texts in " + (trainingLanguages.isEmpty() ? "no language detected" : String.join(", ", trainingLanguages)));
        TextClassifier classifier = type.train(train, new TrainingContext(seed, dataset.sha256(), progress, trainingLanguages), out);
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        ClassificationReport report = ModelEvaluation.evaluate(classifier, testSet, progress);
        ModelTypes.release(classifier);

        ModelMetadata metadata = ModelFiles.readMetadata(out);
        Map<String, Object> metrics = new LinkedHashMap<>(metadata.metrics() == null ? Map.of() : metadata.metrics());
        metrics.put("test", report);
        metrics.put("train_seconds", trainSeconds);
        ModelFiles.writeMetadata(out, metadata.withMetrics(metrics));

        Map<String, Object> result = Reports.summary(report, metadata);
        result.put("n_train", train.size());
        result.put("train_seconds", Reports.round(trainSeconds));
        result.put("model_dir", out.toAbsolutePath().toString());
        ModelFiles.writeJson(out.resolve(ModelFiles.METRICS), result);
        progress.step(String.format("accuracy %.4f  macro-F1 %.4f  ECE %.4f  (%d test examples, trained in %.1f s)",
                report.accuracy(), report.macroF1(), report.ece(), report.nTest(), trainSeconds));
        if (server.isPresent()) {
            String experiment = tracking.experimentFor(data);
            progress.step("logging the run to MLflow at " + server.get().uri() + " (experiment " + experiment + ")");
            result.putAll(TrainingRuns.record(server.get(), experiment, tracking.registeredModelOr(model), out,
                    metadata.withMetrics(metrics), report, trainSeconds,
                    runSettings()));
        }
        console.result(result);
        return 0;
    }
}

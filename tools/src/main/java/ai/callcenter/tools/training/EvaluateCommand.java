package ai.callcenter.tools.training;

import ai.callcenter.ml.dataset.Dataset;
import ai.callcenter.ml.evaluation.ClassificationReport;
import ai.callcenter.ml.evaluation.ModelEvaluation;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import ai.callcenter.tools.io.Datasets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Scores a trained model directory on labelled tickets; the metrics are the last stdout line, as for train. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "Score a trained model directory (tfidf or transformer) on labelled tickets.",
        footer = {"", "Example:",
                "  callcenter evaluate --model-dir models/tfidf --data ../shared/data/banking77/test.csv \\",
                "      --text-col text --label-col category",
                "  callcenter evaluate --model-dir var/oos/tfidf --data var/oos/test.csv --oos-label oos   # out-of-scope figures"})
public final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--model-dir", required = true, paramLabel = "MODEL_DIR", description = "written by train")
    Path modelDir;

    @Option(names = "--data", required = true, paramLabel = "TEST.csv", description = "labelled tickets")
    Path data;

    @Option(names = "--oos-label", paramLabel = "LABEL",
            description = "rows with this label are out of scope: adds oos_recall, oos_precision, oos_auroc, "
                    + "in_scope_accuracy and every stored detector's figures (oos_methods)")
    String oosLabel;

    @Option(names = "--oos-accuracy-bar", defaultValue = "0.95", paramLabel = "ACCURACY",
            description = "with --oos-label: each detector's best recall keeping in_scope_accuracy at least this (default: ${DEFAULT-VALUE})")
    double oosAccuracyBar;

    @Option(names = "--language", paramLabel = "CODE",
            description = "ISO 639-1 code of every text's language, as the agent would pass it: a transformer model answers a "
                    + "language its training texts are not in with its cross-lingual head (default: unknown, the main head)")
    String language;

    private final Console console;
    private final ModelTypes modelTypes;

    public EvaluateCommand(Console console, ModelTypes modelTypes) {
        this.console = console;
        this.modelTypes = modelTypes;
    }

    @Override
    public Integer call() {
        Dataset dataset = Datasets.read(data, columns.text, columns.label, console);
        Progress progress = new Progress(console.err());
        progress.step("loading model from " + modelDir);
        TextClassifier classifier = modelTypes.of(modelDir).load(modelDir);
        ModelEvaluation.Run run = ModelEvaluation.run(classifier, dataset.examples(), language, progress);
        ModelTypes.release(classifier);
        ClassificationReport report = run.report();
        progress.step(String.format("accuracy %.4f  macro-F1 %.4f  ECE %.4f  (%d examples)",
                report.accuracy(), report.macroF1(), report.ece(), report.nTest()));
        Map<String, Object> result = Reports.summary(report, classifier.metadata());
        result.put("n_train", classifier.metadata().nTrain());
        result.put("data_sha256", dataset.sha256());
        if (language != null) {
            result.put("language", language);
            result.put("head", Optional.ofNullable(classifier.headFor(language)).orElse("main"));
        }
        if (oosLabel != null) {
            OosEvaluation.addTo(result, classifier, dataset.examples(), run, oosLabel, oosAccuracyBar);
            progress.step(String.format("out of scope (%s): AUROC %.4f, recall %.4f, in-scope accuracy %.4f",
                    result.get("oos_method"), result.get("oos_auroc"), result.get("oos_recall"), result.get("in_scope_accuracy")));
        }
        console.result(result);
        return 0;
    }
}

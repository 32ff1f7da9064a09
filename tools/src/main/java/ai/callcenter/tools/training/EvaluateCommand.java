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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Scores a trained model directory on labelled tickets; the metrics are the last stdout line, as for train. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "Score a trained model directory (tfidf or transformer) on labelled tickets.",
        footer = {"", "Example:",
                "  callcenter evaluate --model-dir models/tfidf --data ../shared/data/banking77/test.csv \\",
                "      --text-col text --label-col category"})
public final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--model-dir", required = true, paramLabel = "MODEL_DIR", description = "written by train")
    Path modelDir;

    @Option(names = "--data", required = true, paramLabel = "TEST.csv", description = "labelled tickets")
    Path data;

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
        ClassificationReport report = ModelEvaluation.evaluate(classifier, dataset.examples(), progress);
        ModelTypes.release(classifier);
        progress.step(String.format("accuracy %.4f  macro-F1 %.4f  ECE %.4f  (%d examples)",
                report.accuracy(), report.macroF1(), report.ece(), report.nTest()));
        Map<String, Object> result = Reports.summary(report, classifier.metadata());
        result.put("n_train", classifier.metadata().nTrain());
        result.put("data_sha256", dataset.sha256());
        console.result(result);
        return 0;
    }
}

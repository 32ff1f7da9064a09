package ai.callcenter.tools.data;

import ai.callcenter.ml.dataset.Dataset;
import ai.callcenter.ml.dataset.StratifiedSplit;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import ai.callcenter.tools.io.Datasets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A seeded stratified split, e.g. the validation tickets the router is fitted on and the models never see. */
@Command(name = "split-data", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "Split labelled tickets into two stratified parts (written as text,label CSV).",
        footer = {"", "Example (10 %% held out to fit the router on):",
                "  callcenter split-data --data ../shared/data/banking77/train.csv --text-col text --label-col category \\",
                "      --fraction 0.1 --out-train var/train.csv --out-val var/val.csv"})
public final class SplitDataCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--data", required = true, paramLabel = "ALL.csv", description = "labelled tickets")
    Path data;

    @Option(names = "--out-train", required = true, paramLabel = "TRAIN.csv", description = "the larger part")
    Path outTrain;

    @Option(names = "--out-val", required = true, paramLabel = "VAL.csv", description = "the held-out part")
    Path outValidation;

    @Option(names = "--fraction", defaultValue = "0.1", description = "share held out per class (default: ${DEFAULT-VALUE})")
    double fraction;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "(default: ${DEFAULT-VALUE})")
    long seed;

    @Spec
    CommandSpec spec;

    private final Console console;

    public SplitDataCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (!(fraction > 0 && fraction < 1)) {
            throw new ParameterException(spec.commandLine(), "--fraction must be between 0 and 1, got " + fraction);
        }
        Dataset dataset = Datasets.read(data, columns.text, columns.label, console);
        StratifiedSplit.Split split = StratifiedSplit.split(dataset.examples(), fraction, seed);
        LabeledCsv.write(split.train(), outTrain);
        LabeledCsv.write(split.test(), outValidation);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("train", outTrain.toAbsolutePath().toString());
        summary.put("n_train", split.train().size());
        summary.put("validation", outValidation.toAbsolutePath().toString());
        summary.put("n_validation", split.test().size());
        console.result(summary);
        return 0;
    }
}

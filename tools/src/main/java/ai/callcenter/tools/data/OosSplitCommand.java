package ai.callcenter.tools.data;

import ai.callcenter.ml.dataset.Dataset;
import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.dataset.StratifiedSplit;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import ai.callcenter.tools.io.Datasets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The out-of-scope protocol's data (docs/out-of-scope.md): a seeded share of the classes is held out
 * of training, and their test rows are relabelled as the out-of-scope label. Without {@code --test}
 * the test part is a stratified share of the in-scope rows (plus the held-out classes' rows), so a
 * protocol can be run inside the training data without looking at a test file.
 */
@Command(name = "oos-split", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "Hold a seeded share of the classes out of training; their test rows become out of scope.",
        footer = {"", "Example (Banking77: 19 of 77 classes held out, whole test.csv evaluated):",
                "  callcenter oos-split --data ../shared/data/banking77/train.csv --test ../shared/data/banking77/test.csv \\",
                "      --text-col text --label-col category --out-train var/oos/train.csv --out-test var/oos/test.csv",
                "  (then train on var/oos/train.csv and evaluate var/oos/test.csv with --oos-label oos: bench/oos/run.sh)"})
public final class OosSplitCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--data", required = true, paramLabel = "TRAIN.csv", description = "labelled training tickets")
    Path data;

    @Option(names = "--test", paramLabel = "TEST.csv",
            description = "labelled test tickets; without it, --test-fraction of the in-scope training rows are the test part")
    Path test;

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "used without --test (default: ${DEFAULT-VALUE})")
    double testFraction;

    @Option(names = "--holdout-fraction", defaultValue = "0.25",
            description = "share of the classes held out of training (default: ${DEFAULT-VALUE})")
    double holdoutFraction;

    @Option(names = "--oos-label", defaultValue = "oos", paramLabel = "LABEL", description = "(default: ${DEFAULT-VALUE})")
    String oosLabel;

    @Option(names = "--out-train", required = true, paramLabel = "TRAIN.csv", description = "in-scope classes' training rows")
    Path outTrain;

    @Option(names = "--out-test", required = true, paramLabel = "TEST.csv", description = "test rows, held-out classes relabelled")
    Path outTest;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "(default: ${DEFAULT-VALUE})")
    long seed;

    @Spec
    CommandSpec spec;

    private final Console console;

    public OosSplitCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
            throw new ParameterException(spec.commandLine(), "--holdout-fraction must be between 0 and 1, got " + holdoutFraction);
        }
        Dataset train = Datasets.read(data, columns.text, columns.label, console);
        Set<String> heldOut = heldOutClasses(train.examples(), holdoutFraction, seed);
        if (heldOut.contains(oosLabel)) {
            throw new IllegalArgumentException("--oos-label " + oosLabel + " is already a class of the data");
        }
        List<LabeledText> inScope = train.examples().stream().filter(e -> !heldOut.contains(e.label())).toList();
        List<LabeledText> trainRows;
        List<LabeledText> testRows;
        if (test != null) {
            trainRows = inScope;
            testRows = Datasets.read(test, columns.text, columns.label, console).examples();
        } else {
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new ParameterException(spec.commandLine(), "--test-fraction must be between 0 and 1, got " + testFraction);
            }
            StratifiedSplit.Split split = StratifiedSplit.split(inScope, testFraction, seed);
            trainRows = split.train();
            testRows = new ArrayList<>(split.test());
            testRows.addAll(train.examples().stream().filter(e -> heldOut.contains(e.label())).toList());
        }
        List<LabeledText> relabelled = testRows.stream()
                .map(e -> heldOut.contains(e.label()) ? new LabeledText(e.text(), oosLabel) : e).toList();
        LabeledCsv.write(trainRows, outTrain);
        LabeledCsv.write(relabelled, outTest);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("train", outTrain.toAbsolutePath().toString());
        summary.put("n_train", trainRows.size());
        summary.put("test", outTest.toAbsolutePath().toString());
        summary.put("n_test", relabelled.size());
        summary.put("n_test_oos", relabelled.stream().filter(e -> e.label().equals(oosLabel)).count());
        summary.put("oos_label", oosLabel);
        summary.put("held_out_classes", heldOut);
        console.result(summary);
        return 0;
    }

    /** round(fraction x classes) classes, drawn by a seeded shuffle of the sorted class names. */
    static Set<String> heldOutClasses(List<LabeledText> examples, double fraction, long seed) {
        List<String> classes = new ArrayList<>(new TreeSet<>(examples.stream().map(LabeledText::label).toList()));
        Collections.shuffle(classes, new Random(seed));
        int count = (int) Math.round(fraction * classes.size());
        if (count < 1 || count >= classes.size() - 1) {
            throw new IllegalArgumentException("holding out " + count + " of " + classes.size()
                    + " classes leaves no out-of-scope class or fewer than two in scope");
        }
        return new TreeSet<>(classes.subList(0, count));
    }
}

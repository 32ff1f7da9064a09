package ai.callcenter.tools.pii;

import ai.callcenter.agent.AgentApplication;
import ai.callcenter.agent.pii.NameModelTraining;
import ai.callcenter.agent.pii.PiiProperties;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.pii.PiiScrubbers;
import ai.callcenter.agent.pii.PresidioDataset;
import ai.callcenter.serving.settings.ServiceSettings;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.Datasets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The PII precision/recall/F1 tables on presidio's synthetic data: held-out TEST templates, TRAIN
 * templates, the whole file, and the held-out split retyped in lower and sentence case. Error
 * listings are printed for the TRAIN split only, so tuning never looks at held-out sentences.
 */
@Command(name = "pii", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "PII precision/recall per type on presidio's synthetic data, with the agent's scrubber settings.",
        footer = {"", "Example:", "  callcenter bench pii --errors 20"})
public final class PiiBenchCommand implements Callable<Integer> {

    @Option(names = "--models", paramLabel = "DIR",
            description = "a PII-models directory (default: trained from the TRAIN templates into a cache under the temp dir)")
    Path models;

    @Option(names = "--errors", defaultValue = "0", description = "TRAIN-split errors to list (default: ${DEFAULT-VALUE})")
    int errors;

    @Option(names = "--shared-data", paramLabel = "DIR", description = "the shared datasets (default: ../shared/data)")
    Path sharedData = Datasets.SHARED_DATA;

    private final Console console;

    public PiiBenchCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = console.out();
        Path file = sharedData.resolve(PresidioDataset.RELATIVE_PATH);
        Path modelDir = models != null ? models
                : NameModelTraining.cachedDirectory(file, Path.of(System.getProperty("java.io.tmpdir"), "callcenter-pii"));
        long started = System.nanoTime();
        PiiProperties settings = ServiceSettings.of(AgentApplication.class).bind(PiiProperties.class)
                .withNameModelDir(modelDir.toString());
        PiiScrubber scrubber = PiiScrubbers.create(settings);
        out.printf("scrubber built in %d ms (name models: %s)%n", (System.nanoTime() - started) / 1_000_000, modelDir);
        List<PresidioDataset.Sample> all = PresidioDataset.load(file);
        for (PresidioDataset.Split split : PresidioDataset.Split.values()) {
            List<PresidioDataset.Sample> part = all.stream().filter(s -> s.in(split)).toList();
            List<String> listed = split == PresidioDataset.Split.TRAIN && errors > 0 ? new ArrayList<>() : null;
            long evaluated = System.nanoTime();
            PiiEvaluation.Report report = PiiEvaluation.evaluate(scrubber, part, listed);
            long ms = (System.nanoTime() - evaluated) / 1_000_000;
            out.println();
            out.print(report.table("Split " + split + " (template_id % " + PresidioDataset.HELD_OUT_MODULUS
                    + (split == PresidioDataset.Split.TEST ? " == 0" : split == PresidioDataset.Split.TRAIN ? " != 0" : ": all")
                    + "), " + ms + " ms"));
            if (listed != null) {
                listed.stream().limit(errors).forEach(out::println);
            }
        }
        List<PresidioDataset.Sample> heldOut = all.stream().filter(s -> s.in(PresidioDataset.Split.TEST)).toList();
        for (PresidioDataset.Typing typing : PresidioDataset.Typing.values()) {
            out.println();
            out.print(PiiEvaluation.evaluate(scrubber, PresidioDataset.retyped(heldOut, typing), null)
                    .table("Split TEST retyped " + typing));
        }
        return 0;
    }
}

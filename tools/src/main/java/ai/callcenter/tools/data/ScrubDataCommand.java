package ai.callcenter.tools.data;

import ai.callcenter.agent.AgentApplication;
import ai.callcenter.agent.pii.PiiProperties;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.pii.PiiScrubbers;
import ai.callcenter.agent.pii.PiiType;
import ai.callcenter.agent.pii.ScrubResult;
import ai.callcenter.ml.dataset.Dataset;
import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.serving.settings.ServiceSettings;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import ai.callcenter.tools.io.Datasets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Writes the data as the classifiers see it behind the agent: every text scrubbed by the agent's own
 * scrubber and settings. Models trained on raw text lose accuracy on scrubbed tickets (a word taken
 * for a name becomes {@code <PERSON>}); trained on scrubbed text they learn the placeholders.
 */
@Command(name = "scrub-data", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "PII-scrub labelled tickets exactly as the agent does (needs the PII models, see pii-models).",
        footer = {"", "Example:",
                "  callcenter scrub-data --data var/train-raw.csv --out var/train.csv"})
public final class ScrubDataCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--data", required = true, paramLabel = "IN.csv", description = "labelled tickets")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "OUT.csv", description = "scrubbed, as text,label CSV")
    Path out;

    /**
     * A placeholder can be the context that reveals another value (in "... {@code <PERSON>} in Apple Bay?"
     * the name finder sees a second name only once the first is gone), so one pass is not always stable. Scrubbed data must
     * be stable: a tracked training run refuses texts a single pass would still change.
     */
    static final int MAX_SCRUB_PASSES = 4;

    private final Console console;

    public ScrubDataCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Dataset dataset = Datasets.read(data, columns.text, columns.label, console);
        console.err().printf("loading the PII scrubber ...%n");
        PiiScrubber scrubber = PiiScrubbers.create(ServiceSettings.of(AgentApplication.class).bind(PiiProperties.class));
        Map<String, Integer> typeCounts = new TreeMap<>();
        List<LabeledText> scrubbed = new ArrayList<>(dataset.examples().size());
        int changed = 0;
        for (LabeledText example : dataset.examples()) {
            Set<PiiType> types = EnumSet.noneOf(PiiType.class);
            String text = scrubUntilStable(scrubber, example.text(), types);
            if (!types.isEmpty()) {
                changed++;
                types.forEach(type -> typeCounts.merge(type.name(), 1, Integer::sum));
            }
            scrubbed.add(new LabeledText(text, example.label()));
        }
        LabeledCsv.write(scrubbed, out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("out", out.toAbsolutePath().toString());
        summary.put("n", scrubbed.size());
        summary.put("texts_with_pii", changed);
        summary.put("texts_by_pii_type", typeCounts);
        console.result(summary);
        return 0;
    }

    /** Scrubs until a pass finds nothing more (at most {@link #MAX_SCRUB_PASSES}), adding what it found to {@code types}. */
    static String scrubUntilStable(PiiScrubber scrubber, String text, Set<PiiType> types) {
        String current = text;
        for (int pass = 0; pass < MAX_SCRUB_PASSES; pass++) {
            ScrubResult result = scrubber.scrub(current);
            if (!result.found()) {
                break;
            }
            types.addAll(result.types());
            current = result.text();
        }
        return current;
    }
}

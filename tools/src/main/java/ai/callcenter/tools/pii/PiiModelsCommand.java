package ai.callcenter.tools.pii;

import ai.callcenter.agent.pii.NameModelTraining;
import ai.callcenter.tools.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains the scrubber's two name finders into the PII-models directory the agent reads (callcenter.pii.name-model-dir). */
@Command(name = "pii-models", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "Train the PII name finders (cased and caseless) into the directory the agent serves them from.",
        footer = {"", "Example:",
                "  callcenter pii-models --data ../shared/data/presidio-synth-pii/synth_dataset_v2.json --out models/pii"})
public final class PiiModelsCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "synth_dataset_v2.json",
            description = "presidio-research's synthetic dataset; only its TRAIN templates are read")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the PII-models directory")
    Path out;

    private final Console console;

    public PiiModelsCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(data)) {
            throw new IllegalArgumentException("no such file: " + data);
        }
        console.err().printf("training the cased and caseless PII name finders on the TRAIN templates of %s ...%n", data);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("out", out.toAbsolutePath().toString());
        summary.putAll(NameModelTraining.writeDirectory(data, out));
        console.result(summary);
        return 0;
    }
}

package ai.callcenter.tools.bench;

import ai.callcenter.agent.AgentApplication;
import ai.callcenter.agent.language.LanguageConfiguration;
import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.language.LanguageProperties;
import ai.callcenter.agent.pii.PiiProperties;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.pii.PiiScrubbers;
import ai.callcenter.ml.dataset.CsvDatasetReader;
import ai.callcenter.serving.settings.ServiceSettings;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * CPU time per ticket of the agent's own steps before it calls a classifier (PII scrubbing, then language
 * detection on the scrubbed text, as the agent runs them), with the agent's settings, in one thread after
 * a warm-up. It isolates what the HTTP figures of bench/agent/http.sh add up, so a change to one step is
 * measured without the services' noise.
 */
@Command(name = "agent-steps", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "CPU microseconds per ticket of the agent's scrub and language steps, and the languages found (JSON on the last stdout line).",
        footer = {"", "Example:",
                "  callcenter bench agent-steps --data ../shared/data/it-service-tickets/all_tickets.csv \\",
                "      --text-col Document --label-col Topic_group --limit 5000"})
public final class AgentStepsCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--data", required = true, paramLabel = "TICKETS.csv", description = "tickets to time")
    Path data;

    @Option(names = "--limit", defaultValue = "5000", description = "tickets timed (the first ones of the file; default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--warmup-rounds", defaultValue = "3", description = "untimed passes first, for the JIT (default: ${DEFAULT-VALUE})")
    int warmupRounds;

    @Option(names = "--rounds", defaultValue = "2", description = "timed passes (default: ${DEFAULT-VALUE})")
    int rounds;

    private final Console console;

    public AgentStepsCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        ServiceSettings agent = ServiceSettings.of(AgentApplication.class);
        PiiScrubber scrubber = PiiScrubbers.create(agent.bind(PiiProperties.class));
        LanguageDetector detector = LanguageConfiguration.detector(agent.bind(LanguageProperties.class));
        detector.loading().join();
        List<String> texts = CsvDatasetReader.read(data, columns.text, columns.label).texts();
        texts = texts.subList(0, Math.min(limit, texts.size()));
        for (int round = 0; round < warmupRounds; round++) {
            for (String text : texts) {
                detector.detect(scrubber.scrub(text).text());
            }
        }
        Map<String, Integer> languages = new java.util.TreeMap<>();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long scrubNanos = 0;
        long languageNanos = 0;
        int tickets = 0;
        for (int round = 0; round < rounds; round++) {
            for (String text : texts) {
                long t0 = cpu.getCurrentThreadCpuTime();
                String scrubbed = scrubber.scrub(text).text();
                long t1 = cpu.getCurrentThreadCpuTime();
                String language = detector.detect(scrubbed).isoCode();
                long t2 = cpu.getCurrentThreadCpuTime();
                if (round == 0) {
                    languages.merge(language, 1, Integer::sum);
                }
                scrubNanos += t1 - t0;
                languageNanos += t2 - t1;
                tickets++;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tickets", tickets);
        result.put("mean_chars", Math.round(texts.stream().mapToInt(String::length).average().orElse(0)));
        result.put("scrub_us", micros(scrubNanos, tickets));
        result.put("language_us", micros(languageNanos, tickets));
        result.put("total_us", micros(scrubNanos + languageNanos, tickets));
        result.put("languages", languages);
        console.result(result);
        return 0;
    }

    private static double micros(long nanos, int count) {
        return Math.round(nanos / 100.0 / Math.max(1, count)) / 10.0;
    }
}

package ai.callcenter.tools.bench;

import ai.callcenter.ml.dataset.CsvDatasetReader;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import ai.callcenter.transformer.encoder.EncoderProperties;
import ai.callcenter.transformer.encoder.Encoders;
import ai.callcenter.transformer.encoder.Pooling;
import ai.callcenter.transformer.encoder.SentenceEncoder;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Encoding speed of a named encoder (or several joined by '+'), batched and one text at a time. */
@Command(name = "encoder-speed", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "Milliseconds per text of a named encoder, batched and one at a time.",
        footer = {"", "Example:",
                "  callcenter bench encoder-speed --encoder bge-small-en-v15-q --data ../shared/data/banking77/test.csv \\",
                "      --text-col text --label-col category --texts 1000 --batch 32"})
public final class EncoderSpeedCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--encoder", required = true, description = "a named encoder, e.g. bge-small-en-v15-q, use-multilingual-v3, or several joined by '+'")
    String encoder;

    @Option(names = "--data", required = true, paramLabel = "TICKETS.csv", description = "texts to encode")
    Path data;

    @Option(names = "--texts", defaultValue = "1000", description = "texts encoded in batches (default: ${DEFAULT-VALUE})")
    int texts;

    @Option(names = "--batch", defaultValue = "32", description = "texts per encoder call (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--max-tokens", defaultValue = "256", description = "(default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--threads", defaultValue = "0", description = "encoder threads; 0 = one per core (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--side-by-side-max-texts", defaultValue = "0",
            description = "joined encoders: calls with at most this many texts run the parts at the same time, as the "
                    + "service does with 2; 0 = in turn (default: ${DEFAULT-VALUE})")
    int sideBySideMaxTexts;

    /** Warm-up texts, and the most texts timed one at a time. */
    private static final int WARMUP_TEXTS = 64;
    private static final int SINGLE_TEXTS = 200;

    private final Console console;

    public EncoderSpeedCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        List<String> all = CsvDatasetReader.read(data, columns.text, columns.label).texts();
        int n = Math.min(texts, all.size());
        EncoderProperties props = new EncoderProperties(encoder, "", Pooling.MEAN, maxTokens, batch, threads, sideBySideMaxTexts,
                System.getProperty("java.io.tmpdir") + "/callcenter-encoders",
                System.getenv().getOrDefault("ENCODERS_DIR", EncoderProperties.DEFAULT_FETCHED_DIR));
        try (SentenceEncoder model = Encoders.open(Encoders.resolve(props), props)) {
            List<String> sample = all.subList(0, n);
            model.encode(sample.subList(0, Math.min(WARMUP_TEXTS, n)));
            long started = System.nanoTime();
            long cpuStarted = processCpuNanos();
            for (int from = 0; from < n; from += batch) {
                model.encode(sample.subList(from, Math.min(n, from + batch)));
            }
            double batchedSeconds = (System.nanoTime() - started) / 1e9;
            double batchedCpuMs = (processCpuNanos() - cpuStarted) / 1e6 / n;
            int single = Math.min(n, SINGLE_TEXTS);
            long[] nanos = new long[single];
            long singleCpuStarted = processCpuNanos();
            for (int i = 0; i < single; i++) {
                long t = System.nanoTime();
                model.encode(List.of(sample.get(i)));
                nanos[i] = System.nanoTime() - t;
            }
            double singleCpuMs = (processCpuNanos() - singleCpuStarted) / 1e6 / single;
            double oneByOne = Arrays.stream(nanos).sum() / 1e6 / single;
            Arrays.sort(nanos);
            console.out().printf("%s dim=%d batch=%d maxTokens=%d threads=%d side-by-side-max-texts=%d: batched %.2f ms/text "
                            + "(%.0f texts/s, CPU %.2f ms/text), one-by-one %.2f ms/text (p50 %.2f, p95 %.2f ms, "
                            + "CPU %.2f ms/text)%n",
                    encoder, model.dimension(), batch, maxTokens, threads, sideBySideMaxTexts, batchedSeconds * 1e3 / n,
                    n / batchedSeconds, batchedCpuMs, oneByOne, nanos[single / 2] / 1e6, nanos[single * 95 / 100] / 1e6,
                    singleCpuMs);
        }
        return 0;
    }

    /** CPU time of the whole process (every thread: ONNX Runtime's pool, the JIT, GC), as a service pays it. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}

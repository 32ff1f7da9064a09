package ai.callcenter.tools.bench;

import ai.callcenter.ml.dataset.CsvDatasetReader;
import ai.callcenter.ml.model.Prediction;
import ai.callcenter.tfidf.model.TfidfModel;
import ai.callcenter.tfidf.model.TfidfModelStore;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Single-ticket prediction latency inside the JVM (vectorize, score, softmax, top-k), after warm-up. */
@Command(name = "tfidf-latency", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "In-process single-ticket latency of a tfidf model (JSON on the last stdout line).",
        footer = {"", "Example:",
                "  callcenter bench tfidf-latency --model-dir models/tfidf --data ../shared/data/banking77/test.csv \\",
                "      --text-col text --label-col category"})
public final class TfidfLatencyCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--model-dir", required = true, paramLabel = "MODEL_DIR", description = "a tfidf model")
    Path modelDir;

    @Option(names = "--data", required = true, paramLabel = "TICKETS.csv", description = "tickets to time")
    Path data;

    private static final int WARMUP_ROUNDS = 3;
    private static final int TOP_K = 5;

    private final Console console;

    public TfidfLatencyCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        TfidfModel model = TfidfModelStore.load(modelDir);
        List<String> texts = CsvDatasetReader.read(data, columns.text, columns.label).texts();
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            for (String text : texts) {
                Prediction.fromProbabilities(model.labels(), model.predictProbabilities(model.normalizeForCache(text)), TOP_K);
            }
        }
        long[] nanos = new long[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            long started = System.nanoTime();
            String text = texts.get(i);
            Prediction.fromProbabilities(model.labels(), model.predictProbabilities(model.normalizeForCache(text)), TOP_K);
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("n", nanos.length);
        result.put("p50_ms", millis(nanos[nanos.length / 2]));
        result.put("p90_ms", millis(nanos[(int) (nanos.length * 0.9)]));
        result.put("p99_ms", millis(nanos[(int) (nanos.length * 0.99)]));
        result.put("mean_ms", millis((long) Arrays.stream(nanos).average().orElse(0)));
        console.result(result);
        return 0;
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e2) / 1e4;
    }
}

package ai.callcenter.tfidf.bench;

import ai.callcenter.common.dataset.CsvDatasetReader;
import ai.callcenter.common.model.Prediction;
import ai.callcenter.tfidf.model.TfidfModel;
import ai.callcenter.tfidf.model.TfidfModelStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Single-ticket prediction latency inside the JVM (vectorize, score, softmax, top-k), after warm-up.
 * Run by bench/tfidf/run.sh: {@code InProcessLatencyBench MODEL_DIR CSV TEXT_COL LABEL_COL}.
 */
public final class InProcessLatencyBench {

    private static final int WARMUP_ROUNDS = 3;
    private static final int TOP_K = 5;

    public static void main(String[] args) {
        TfidfModel model = TfidfModelStore.load(Path.of(args[0]));
        List<String> texts = CsvDatasetReader.read(Path.of(args[1]), args[2], args[3]).texts();
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
        System.out.printf("{\"n\":%d,\"p50_ms\":%.4f,\"p90_ms\":%.4f,\"p99_ms\":%.4f,\"mean_ms\":%.4f}%n", nanos.length,
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.9)] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6,
                Arrays.stream(nanos).average().orElse(0) / 1e6);
    }
}

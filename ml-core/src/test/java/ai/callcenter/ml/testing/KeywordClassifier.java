package ai.callcenter.ml.testing;

import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.TextClassifier;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transparent stand-in model for testing the shared layers (CLI, HTTP, cache): it puts 0.9 on
 * the first label whose name occurs in the text, else spreads probability evenly. It counts calls
 * so tests can tell a cached answer from a computed one.
 */
public final class KeywordClassifier implements TextClassifier {

    private static final double MATCH_PROBABILITY = 0.9;

    private final ModelMetadata metadata;
    private final AtomicInteger calls = new AtomicInteger();

    public KeywordClassifier(List<String> labels, String version) {
        this.metadata = new ModelMetadata("keyword", version, "2026-01-01T00:00:00Z", "0".repeat(64), 0, labels,
                Map.of(), Map.of(), List.of("en"));
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public double[] predictProbabilities(String text) {
        calls.incrementAndGet();
        List<String> labels = labels();
        double[] p = new double[labels.size()];
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < labels.size(); i++) {
            if (lower.contains(labels.get(i).toLowerCase(Locale.ROOT))) {
                java.util.Arrays.fill(p, (1 - MATCH_PROBABILITY) / (labels.size() - 1));
                p[i] = MATCH_PROBABILITY;
                return p;
            }
        }
        java.util.Arrays.fill(p, 1.0 / labels.size());
        return p;
    }
}

package ai.callcenter.agent.statistics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The traffic of one window, counted on the request path: only additions to striped counters, no
 * lock and no I/O. Keys are bounded sets (category, model, language, route); nothing from a ticket's
 * text or id is kept.
 */
final class WindowAccumulator {

    /** Confidence histogram bins: [0, 0.1), [0.1, 0.2) ... [0.9, 1.0]. */
    static final int CONFIDENCE_BINS = 10;
    /** Latency bucket bounds grow by this factor from {@link #FIRST_LATENCY_BOUND_SECONDS}. */
    static final double LATENCY_GROWTH = 1.25;
    static final double FIRST_LATENCY_BOUND_SECONDS = 0.0005;
    /** Up to ~17 minutes; anything slower lands in the last bucket. */
    static final int LATENCY_BUCKETS = 64;

    final long startedMillis;
    final LongAdder answers = new LongAdder();
    final LongAdder degraded = new LongAdder();
    final LongAdder needsReview = new LongAdder();
    final LongAdder feedback = new LongAdder();
    final LongAdder feedbackCorrect = new LongAdder();
    final Map<String, LongAdder> byCategory = new ConcurrentHashMap<>();
    final Map<String, LongAdder> byModel = new ConcurrentHashMap<>();
    final Map<String, LongAdder> byLanguage = new ConcurrentHashMap<>();
    final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();
    final LongAdder[] confidence = adders(CONFIDENCE_BINS);
    final LongAdder[] latency = adders(LATENCY_BUCKETS);

    WindowAccumulator(long startedMillis) {
        this.startedMillis = startedMillis;
    }

    void answered(String category, String model, String language, String route, double confidenceValue, boolean wasDegraded,
                  boolean flagged, double seconds) {
        answers.increment();
        count(byCategory, category);
        count(byModel, model);
        count(byLanguage, language);
        count(byRoute, route);
        confidence[Math.min(CONFIDENCE_BINS - 1, Math.max(0, (int) (confidenceValue * CONFIDENCE_BINS)))].increment();
        latency[latencyBucket(seconds)].increment();
        if (wasDegraded) {
            degraded.increment();
        }
        if (flagged) {
            needsReview.increment();
        }
    }

    void feedback(boolean correct) {
        feedback.increment();
        if (correct) {
            feedbackCorrect.increment();
        }
    }

    static int latencyBucket(double seconds) {
        double bound = FIRST_LATENCY_BOUND_SECONDS;
        for (int bucket = 0; bucket < LATENCY_BUCKETS - 1; bucket++) {
            if (seconds <= bound) {
                return bucket;
            }
            bound *= LATENCY_GROWTH;
        }
        return LATENCY_BUCKETS - 1;
    }

    static double latencyUpperBound(int bucket) {
        return FIRST_LATENCY_BOUND_SECONDS * Math.pow(LATENCY_GROWTH, bucket);
    }

    static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((key, adder) -> out.put(key, adder.sum()));
        return out;
    }

    private static void count(Map<String, LongAdder> counts, String key) {
        counts.computeIfAbsent(key == null || key.isBlank() ? "unknown" : key, k -> new LongAdder()).increment();
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] out = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            out[i] = new LongAdder();
        }
        return out;
    }
}

package ai.callcenter.agent.statistics;

import ai.callcenter.mlflow.MetricKeys;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One closed window as MLflow metrics: counts by category, model, language and route, the
 * confidence histogram, latency quantiles, fallback and review rates, and the accuracy of the
 * answers feedback arrived for.
 */
record WindowStatistics(long startedMillis, long endedMillis, Map<String, Double> metrics) {

    /** Latency quantiles logged per window. */
    static final double[] QUANTILES = {0.5, 0.95, 0.99};

    static WindowStatistics of(WindowAccumulator window, long endedMillis) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        long answers = window.answers.sum();
        metrics.put("answers", (double) answers);
        metrics.put("window_seconds", (endedMillis - window.startedMillis) / 1000.0);
        put(metrics, "category.", WindowAccumulator.snapshot(window.byCategory));
        put(metrics, "model.", WindowAccumulator.snapshot(window.byModel));
        put(metrics, "language.", WindowAccumulator.snapshot(window.byLanguage));
        put(metrics, "route.", WindowAccumulator.snapshot(window.byRoute));
        for (int bin = 0; bin < WindowAccumulator.CONFIDENCE_BINS; bin++) {
            metrics.put(String.format(Locale.ROOT, "confidence_bin.%.1f", bin / (double) WindowAccumulator.CONFIDENCE_BINS),
                    (double) window.confidence[bin].sum());
        }
        if (answers > 0) {
            metrics.put("fallback_rate", window.degraded.sum() / (double) answers);
            metrics.put("review_rate", window.needsReview.sum() / (double) answers);
            long[] latency = new long[WindowAccumulator.LATENCY_BUCKETS];
            for (int i = 0; i < latency.length; i++) {
                latency[i] = window.latency[i].sum();
            }
            for (double q : QUANTILES) {
                metrics.put(String.format(Locale.ROOT, "latency_p%d_seconds", Math.round(q * 100)), quantile(latency, q));
            }
        }
        long feedback = window.feedback.sum();
        metrics.put("feedback", (double) feedback);
        if (feedback > 0) {
            metrics.put("feedback_accuracy", window.feedbackCorrect.sum() / (double) feedback);
        }
        return new WindowStatistics(window.startedMillis, endedMillis, metrics);
    }

    /** The upper bound of the bucket holding the q-quantile: exact to one bucket (25 %). */
    static double quantile(long[] buckets, double q) {
        long total = 0;
        for (long count : buckets) {
            total += count;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return WindowAccumulator.latencyUpperBound(i);
            }
        }
        return WindowAccumulator.latencyUpperBound(buckets.length - 1);
    }

    private static void put(Map<String, Double> metrics, String prefix, Map<String, Long> counts) {
        counts.forEach((key, count) -> metrics.put(MetricKeys.of(prefix + key), (double) count));
    }
}

package ai.callcenter.serving.classifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus series of a classifier service. Labels are bounded (model type and version, category,
 * cache result); nothing derived from ticket text ever becomes a label.
 */
public class PredictionMetrics {

    private final MeterRegistry meters;
    private final String model;
    private final Timer cachedLatency;
    private final Timer computedLatency;
    private final Counter cacheHits;
    private final Counter cacheMisses;

    public PredictionMetrics(MeterRegistry meters, String model, String cacheBackend) {
        this.meters = meters;
        this.model = model;
        this.cachedLatency = latencyTimer(true);
        this.computedLatency = latencyTimer(false);
        this.cacheHits = cacheCounter(cacheBackend, "hit");
        this.cacheMisses = cacheCounter(cacheBackend, "miss");
    }

    private Timer latencyTimer(boolean cached) {
        return Timer.builder("callcenter.prediction.latency")
                .description("Time to answer one ticket, from validated text to prediction")
                .tag("model", model)
                .tag("cached", Boolean.toString(cached))
                .publishPercentileHistogram()
                .register(meters);
    }

    private Counter cacheCounter(String backend, String result) {
        return Counter.builder("callcenter.cache.lookups")
                .description("Prediction cache lookups by result")
                .tag("backend", backend)
                .tag("result", result)
                .register(meters);
    }

    /** @param version the served model's version: a label that changes only when a new version goes into service */
    public void recordPrediction(String category, String version, boolean cached, long nanos) {
        meters.counter("callcenter.predictions", "model", model, "version", version, "category", category).increment();
        (cached ? cachedLatency : computedLatency).record(nanos, TimeUnit.NANOSECONDS);
        (cached ? cacheHits : cacheMisses).increment();
    }
}

package ai.callcenter.agent.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's Prometheus meters. Tags are bounded sets only (route, model name, ISO language
 * code, PII type, stage, fallback reason); no ticket text or id ever becomes a tag.
 */
public class AgentMetrics {

    /** Buckets of the confidence histogram: fine near the usual review and cascade bars. */
    private static final double[] CONFIDENCE_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99};

    private final MeterRegistry meters;
    private final DistributionSummary confidence;
    private final Counter needsReview;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Map<String, Timer> stageTimers = new ConcurrentHashMap<>();
    private final AtomicInteger piiNameModels = new AtomicInteger();

    public AgentMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.confidence = DistributionSummary.builder("agent.confidence")
                .description("Confidence of the agent's final answers")
                .serviceLevelObjectives(CONFIDENCE_BUCKETS)
                .register(meters);
        this.needsReview = Counter.builder("agent.needs.review").description("Answers flagged for human review").register(meters);
        this.cacheHits = Counter.builder("agent.cache").tag("result", "hit").description("Answer cache lookups").register(meters);
        this.cacheMisses = Counter.builder("agent.cache").tag("result", "miss").description("Answer cache lookups").register(meters);
        Gauge.builder("agent.pii.name.models", piiNameModels, AtomicInteger::get)
                .description("1 when the PII name finders are loaded, 0 when names and addresses are found by rules only")
                .register(meters);
    }

    /** Whether the scrubber runs with its name finders; an alert watches for 0 (a deployment without the models). */
    public void piiNameModels(boolean loaded) {
        piiNameModels.set(loaded ? 1 : 0);
    }

    public void request(String route, String model, String language) {
        meters.counter("agent.requests", "route", route, "model", model, "language", language).increment();
    }

    public void stage(String stage, long nanos) {
        stageTimers.computeIfAbsent(stage, s -> Timer.builder("agent.stage.latency")
                .description("Time spent per request stage")
                .tag("stage", s)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(meters)).record(Duration.ofNanos(nanos));
    }

    public void piiFound(String type) {
        meters.counter("agent.pii.detected", "type", type).increment();
    }

    public void cache(boolean hit) {
        (hit ? cacheHits : cacheMisses).increment();
    }

    public void fallback(String reason) {
        meters.counter("agent.fallbacks", "reason", reason).increment();
    }

    public void answered(double finalConfidence, boolean flagged) {
        confidence.record(finalConfidence);
        if (flagged) {
            needsReview.increment();
        }
    }

    public void llm(String outcome) {
        meters.counter("agent.llm.calls", "outcome", outcome).increment();
    }

    public void feedback(String model, String language, boolean correct) {
        meters.counter("agent.feedback", "model", model, "language", language, "correct", Boolean.toString(correct)).increment();
    }
}

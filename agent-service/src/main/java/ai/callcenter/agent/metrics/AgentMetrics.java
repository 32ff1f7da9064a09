package ai.callcenter.agent.metrics;

import ai.callcenter.serving.observability.FixedBucketHistogram;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The agent's Prometheus meters (docs/metrics.md). Tags are bounded sets only (route, model name, ISO
 * language code, PII type, stage, fallback reason, LLM outcome, category from the model's label set);
 * no ticket text or id ever becomes a tag. Counters whose label values form a known closed set are
 * registered at 0 up front, so an alert on their rate sees a series before the first event.
 */
public class AgentMetrics {

    /**
     * Bounds of the confidence histogram: fine near the usual review and cascade bars, and 1.0 so that
     * "fully sure" answers are told apart from +Inf (nothing scores above 1).
     */
    static final double[] CONFIDENCE_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99, 1.0};

    /** The fallback reason recorded when the classifier service {@code service} cannot answer. */
    public static String unavailable(String service) {
        return service + "_unavailable";
    }

    /** The results of an answer-cache lookup. */
    public static final List<String> CACHE_RESULTS = List.of("hit", "miss");

    private final MeterRegistry meters;
    private final FixedBucketHistogram confidence;
    private final Counter needsReview;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Map<String, Timer> stageTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> answers = new ConcurrentHashMap<>();
    private final AtomicInteger piiNameModels = new AtomicInteger();
    private volatile BooleanSupplier routingReady = () -> false;

    /** Without pre-registered label values or common tags (unit tests). */
    public AgentMetrics(MeterRegistry meters) {
        this(meters, Tags.empty(), List.of(), List.of());
    }

    /**
     * @param commonTags      the registry's common tags (management.metrics.tags), for the histogram that is
     *                        registered outside Micrometer ({@link FixedBucketHistogram})
     * @param fallbackReasons every value {@link #fallback} can be called with
     * @param llmOutcomes     every value {@link #llm} can be called with
     */
    public AgentMetrics(MeterRegistry meters, Iterable<Tag> commonTags, Collection<String> fallbackReasons,
                        Collection<String> llmOutcomes) {
        this.meters = meters;
        this.confidence = FixedBucketHistogram.register(meters, "agent_confidence", "Confidence of the agent's final answers",
                CONFIDENCE_BUCKETS, commonTags);
        this.needsReview = Counter.builder("agent.needs.review").description("Answers flagged for human review").register(meters);
        this.cacheHits = cacheCounter(CACHE_RESULTS.get(0));
        this.cacheMisses = cacheCounter(CACHE_RESULTS.get(1));
        Gauge.builder("agent.pii.name.models", piiNameModels, AtomicInteger::get)
                .description("1 when the PII name finders are loaded, 0 when names and addresses are found by rules only")
                .register(meters);
        Gauge.builder("agent.routing.ready", this, m -> m.routingReady.getAsBoolean() ? 1 : 0)
                .description("1 while a routing (fitted, registered or the defaults) is in force, 0 while none is loaded")
                .register(meters);
        fallbackReasons.forEach(this::fallbackCounter);
        llmOutcomes.forEach(this::llmCounter);
    }

    private Counter cacheCounter(String result) {
        return Counter.builder("agent.cache").tag("result", result).description("Answer cache lookups").register(meters);
    }

    private Counter fallbackCounter(String reason) {
        return Counter.builder("agent.fallbacks").tag("reason", reason)
                .description("Requests answered without a classifier service that could not answer").register(meters);
    }

    private Counter llmCounter(String outcome) {
        return Counter.builder("agent.llm.calls").tag("outcome", outcome)
                .description("LLM arbitrations of close calls, by outcome").register(meters);
    }

    /** Whether the scrubber runs with its name finders; an alert watches for 0 (a deployment without the models). */
    public void piiNameModels(boolean loaded) {
        piiNameModels.set(loaded ? 1 : 0);
    }

    /** Where {@code agent_routing_ready} reads whether a routing is in force (read at each scrape). */
    public void routingReady(BooleanSupplier ready) {
        this.routingReady = ready;
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

    /** Registers {@code agent_pii_detected_total} at 0 for each of the scrubber's types (a closed set). */
    public void piiTypes(Collection<String> types) {
        types.forEach(this::piiCounter);
    }

    public void piiFound(String type) {
        piiCounter(type).increment();
    }

    private Counter piiCounter(String type) {
        return Counter.builder("agent.pii.detected").tag("type", type)
                .description("Personal data values found and replaced, by type").register(meters);
    }

    public void cache(boolean hit) {
        (hit ? cacheHits : cacheMisses).increment();
    }

    public void fallback(String reason) {
        fallbackCounter(reason).increment();
    }

    /**
     * An answer served from the answer cache: counted by category; its confidence was recorded when it
     * was first computed.
     *
     * @param category one of the served model's labels, so a bounded set
     */
    public void answeredFromCache(String category) {
        answers.computeIfAbsent(category, c -> Counter.builder("agent.answers").tag("category", c)
                .description("Answers returned, cached ones included, by category").register(meters)).increment();
    }

    /**
     * An answer the cascade computed: its category, confidence and review flag.
     *
     * @param category one of the served model's labels, so a bounded set
     */
    public void answered(String category, double finalConfidence, boolean flagged) {
        answeredFromCache(category);
        confidence.record(finalConfidence);
        if (flagged) {
            needsReview.increment();
        }
    }

    public void llm(String outcome) {
        llmCounter(outcome).increment();
    }

    public void feedback(String model, String language, boolean correct) {
        meters.counter("agent.feedback", "model", model, "language", language, "correct", Boolean.toString(correct)).increment();
    }
}

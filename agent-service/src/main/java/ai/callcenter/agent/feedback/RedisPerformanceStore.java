package ai.callcenter.agent.feedback;

import ai.callcenter.serving.cache.CacheKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Shared across replicas. Keys hold no ticket content: traces live under a SHA-256 of the ticket
 * id, outcomes under {@code model:language}. Each feedback pushes 1/0 onto a capped list per model
 * and language and republishes the list's accuracy into one hash, which the routing path reads at
 * most once per refresh interval. Redis failures are logged (without values) and swallowed: routing
 * then simply runs without history.
 */
public class RedisPerformanceStore implements PerformanceStore {

    private static final Logger log = LoggerFactory.getLogger(RedisPerformanceStore.class);
    static final String TRACE_PREFIX = "agent:trace:";
    static final String OUTCOMES_PREFIX = "agent:outcomes:";
    static final String ACCURACY_HASH = "agent:accuracy";

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final FeedbackProperties properties;
    private volatile Map<String, RollingAccuracy> snapshot = Map.of();
    private volatile long snapshotAtNanos = Long.MIN_VALUE / 2;

    public RedisPerformanceStore(StringRedisTemplate redis, ObjectMapper json, FeedbackProperties properties) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public void saveTrace(String ticketId, PredictionTrace trace) {
        try {
            redis.opsForValue().set(TRACE_PREFIX + CacheKeys.sha256Hex(ticketId), json.writeValueAsString(trace),
                    properties.traceTtl());
        } catch (JsonProcessingException | RuntimeException e) {
            log.debug("trace not saved: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public Optional<PredictionTrace> trace(String ticketId) {
        try {
            String value = redis.opsForValue().get(TRACE_PREFIX + CacheKeys.sha256Hex(ticketId));
            return value == null ? Optional.empty() : Optional.of(json.readValue(value, PredictionTrace.class));
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("trace not readable: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public void recordOutcome(String model, String language, boolean correct) {
        String key = model + ":" + language;
        String list = OUTCOMES_PREFIX + key;
        try {
            redis.opsForList().leftPush(list, correct ? "1" : "0");
            redis.opsForList().trim(list, 0, properties.window() - 1);
            List<String> window = redis.opsForList().range(list, 0, -1);
            if (window == null) {
                return;
            }
            long ones = window.stream().filter("1"::equals).count();
            redis.opsForHash().put(ACCURACY_HASH, key, ones + "/" + window.size());
            snapshotAtNanos = Long.MIN_VALUE / 2; // re-read on next use so this replica sees its own feedback at once
        } catch (RuntimeException e) {
            log.warn("feedback outcome not recorded: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public Optional<RollingAccuracy> accuracy(String model, String language) {
        return Optional.ofNullable(snapshot().get(model + ":" + language));
    }

    @Override
    public Map<String, RollingAccuracy> snapshot() {
        long now = System.nanoTime();
        if (now - snapshotAtNanos < properties.refreshInterval().toNanos()) {
            return snapshot;
        }
        snapshotAtNanos = now;
        try {
            Map<Object, Object> raw = redis.opsForHash().entries(ACCURACY_HASH);
            Map<String, RollingAccuracy> parsed = new TreeMap<>();
            raw.forEach((k, v) -> {
                String[] parts = String.valueOf(v).split("/");
                if (parts.length == 2) {
                    parsed.put(String.valueOf(k), new RollingAccuracy(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
                }
            });
            snapshot = Map.copyOf(parsed);
        } catch (RuntimeException e) {
            log.debug("accuracy snapshot not refreshed: {}", e.getClass().getSimpleName());
        }
        return snapshot;
    }

    @Override
    public String backend() {
        return "redis";
    }
}

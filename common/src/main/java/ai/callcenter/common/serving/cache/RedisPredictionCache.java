package ai.callcenter.common.serving.cache;

import ai.callcenter.common.model.Prediction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Shared cache across replicas. Every Redis failure is counted and swallowed. While Redis is
 * unreachable each call waits at most the command timeout, and once a few have failed the circuit
 * breaker stops calling it at all for a while, so an outage costs almost no latency.
 */
public class RedisPredictionCache implements PredictionCache {

    private static final Logger log = LoggerFactory.getLogger(RedisPredictionCache.class);

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final Duration ttl;
    private final CircuitBreaker breaker;
    private final Counter getErrors;
    private final Counter putErrors;

    public RedisPredictionCache(StringRedisTemplate redis, ObjectMapper json, Duration ttl,
                                CircuitBreaker breaker, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.ttl = ttl;
        this.breaker = breaker;
        this.getErrors = errorCounter(meters, "get");
        this.putErrors = errorCounter(meters, "put");
    }

    private static Counter errorCounter(MeterRegistry meters, String operation) {
        return Counter.builder("callcenter.cache.errors")
                .description("Cache operations that failed or were skipped because Redis is unavailable")
                .tag("backend", "redis")
                .tag("operation", operation)
                .register(meters);
    }

    @Override
    public Optional<Prediction> get(String key) {
        try {
            String value = breaker.executeSupplier(() -> redis.opsForValue().get(key));
            return value == null ? Optional.empty() : Optional.of(json.readValue(value, Prediction.class));
        } catch (JsonProcessingException e) {
            getErrors.increment();
            log.warn("unreadable cache entry ignored: {}", e.getOriginalMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            getErrors.increment();
            log.debug("redis get failed: {}", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, Prediction prediction) {
        try {
            String value = json.writeValueAsString(prediction);
            breaker.executeRunnable(() -> redis.opsForValue().set(key, value, ttl));
        } catch (JsonProcessingException | RuntimeException e) {
            putErrors.increment();
            log.debug("redis put failed: {}", e.toString());
        }
    }

    @Override
    public String backend() {
        return "redis";
    }
}

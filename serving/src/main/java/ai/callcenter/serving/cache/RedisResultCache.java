package ai.callcenter.serving.cache;

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
 * Shared cache across replicas, values stored as JSON. Every Redis failure is counted and
 * swallowed. While Redis is unreachable each call waits at most the command timeout, and once a few
 * have failed the circuit breaker stops calling it for a while, so an outage costs almost no latency.
 */
public class RedisResultCache<V> implements ResultCache<V> {

    private static final Logger log = LoggerFactory.getLogger(RedisResultCache.class);

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final Class<V> type;
    private final Duration ttl;
    private final CircuitBreaker breaker;
    private final Counter getErrors;
    private final Counter putErrors;

    public RedisResultCache(String cacheName, Class<V> type, StringRedisTemplate redis, ObjectMapper json, Duration ttl,
                            CircuitBreaker breaker, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.type = type;
        this.ttl = ttl;
        this.breaker = breaker;
        this.getErrors = errorCounter(meters, cacheName, "get");
        this.putErrors = errorCounter(meters, cacheName, "put");
    }

    private static Counter errorCounter(MeterRegistry meters, String cacheName, String operation) {
        return Counter.builder("callcenter.cache.errors")
                .description("Cache operations that failed or were skipped because Redis is unavailable")
                .tag("cache", cacheName)
                .tag("backend", "redis")
                .tag("operation", operation)
                .register(meters);
    }

    @Override
    public Optional<V> get(String key) {
        try {
            String value = breaker.executeSupplier(() -> redis.opsForValue().get(key));
            return value == null ? Optional.empty() : Optional.of(json.readValue(value, type));
        } catch (JsonProcessingException e) {
            getErrors.increment();
            log.warn("unreadable cache entry ignored: {}", e.getClass().getSimpleName());
            return Optional.empty();
        } catch (RuntimeException e) {
            getErrors.increment();
            log.debug("redis get failed: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, V value) {
        try {
            String serialized = json.writeValueAsString(value);
            breaker.executeRunnable(() -> redis.opsForValue().set(key, serialized, ttl));
        } catch (JsonProcessingException | RuntimeException e) {
            putErrors.increment();
            log.debug("redis put failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public String backend() {
        return "redis";
    }
}

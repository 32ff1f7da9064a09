package ai.callcenter.serving.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Picks and builds a {@link ResultCache} from its configured backend. */
public final class ResultCaches {

    private ResultCaches() {
    }

    /** {@code auto} means Redis when spring.data.redis.host or .url is set anywhere, else {@code withoutRedis}. */
    public static String resolveBackend(String configured, Environment environment, String withoutRedis) {
        String backend = configured.toLowerCase(Locale.ROOT);
        if (backend.equals("auto")) {
            boolean redis = environment.containsProperty("spring.data.redis.host")
                    || environment.containsProperty("spring.data.redis.url");
            return redis ? "redis" : withoutRedis;
        }
        return backend;
    }

    /**
     * @param cacheName names the cache in metrics and in its circuit breaker
     * @param backend   redis, memory or none (already resolved)
     */
    public static <V> ResultCache<V> create(String cacheName, Class<V> type, String backend, Duration ttl, long memoryMaxEntries,
                                            CircuitBreakerConfig redisBreaker, ObjectProvider<StringRedisTemplate> redis,
                                            ObjectMapper json, MeterRegistry meters) {
        return switch (backend) {
            case "redis" -> new RedisResultCache<>(cacheName, type, redis.getObject(), json, ttl,
                    CircuitBreaker.of("redis-" + cacheName, redisBreaker), meters);
            case "memory" -> new InMemoryResultCache<>(memoryMaxEntries, ttl);
            case "none" -> new NoResultCache<>();
            default -> throw new IllegalArgumentException("cache backend must be auto, redis, memory or none; got " + backend);
        };
    }
}

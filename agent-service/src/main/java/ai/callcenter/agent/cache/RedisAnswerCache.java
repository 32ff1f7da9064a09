package ai.callcenter.agent.cache;

import ai.callcenter.agent.api.AgentResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Shared across replicas. Failures are swallowed (a cache miss), and a circuit breaker stops
 * calling a Redis that keeps failing so an outage adds no latency.
 */
public class RedisAnswerCache implements AnswerCache {

    private static final Logger log = LoggerFactory.getLogger(RedisAnswerCache.class);

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final Duration ttl;
    private final CircuitBreaker breaker;

    public RedisAnswerCache(StringRedisTemplate redis, ObjectMapper json, Duration ttl, CircuitBreaker breaker) {
        this.redis = redis;
        this.json = json;
        this.ttl = ttl;
        this.breaker = breaker;
    }

    @Override
    public Optional<AgentResponse> get(String key) {
        try {
            String value = breaker.executeSupplier(() -> redis.opsForValue().get(key));
            return value == null ? Optional.empty() : Optional.of(json.readValue(value, AgentResponse.class));
        } catch (Exception e) {
            log.debug("answer cache get failed: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, AgentResponse answer) {
        try {
            String value = json.writeValueAsString(answer.withTicket(null, 0, false));
            breaker.executeRunnable(() -> redis.opsForValue().set(key, value, ttl));
        } catch (Exception e) {
            log.debug("answer cache put failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public String backend() {
        return "redis";
    }
}

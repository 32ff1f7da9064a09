package ai.callcenter.serving.classifier;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Prediction cache settings.
 *
 * @param backend            {@code auto} (Redis when spring.data.redis.host or .url is set, else
 *                           in-process), {@code redis}, {@code memory} or {@code none}
 * @param ttl                how long an answer stays cached
 * @param memoryMaxEntries   size bound of the in-process cache
 * @param keyPrefix          namespace of this service's keys in a shared Redis
 * @param redisOpenDuration  after Redis fails repeatedly, how long to stop asking it
 * @param redisFailureWindow how many recent Redis calls the circuit breaker judges
 * @param redisMinimumCalls  calls needed in the window before the breaker may open
 */
@ConfigurationProperties("callcenter.cache")
public record CacheProperties(
        String backend,
        Duration ttl,
        long memoryMaxEntries,
        String keyPrefix,
        Duration redisOpenDuration,
        int redisFailureWindow,
        int redisMinimumCalls) {
}

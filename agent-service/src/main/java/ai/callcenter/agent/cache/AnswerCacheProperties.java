package ai.callcenter.agent.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callcenter.answer-cache.*}.
 *
 * @param backend           auto (redis when spring.data.redis.host/url is set, else memory), redis, memory or none
 * @param ttl               lifetime of a cached answer
 * @param memoryMaxEntries  memory backend: most answers kept
 * @param keyPrefix         Redis key prefix
 * @param redisOpenDuration after repeated Redis failures, how long to skip Redis before trying again
 */
@ConfigurationProperties("callcenter.answer-cache")
public record AnswerCacheProperties(String backend, Duration ttl, int memoryMaxEntries, String keyPrefix,
                                    Duration redisOpenDuration) {
}

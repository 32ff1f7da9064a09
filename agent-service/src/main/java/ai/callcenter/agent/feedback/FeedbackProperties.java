package ai.callcenter.agent.feedback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callcenter.feedback.*}.
 *
 * @param backend          auto (redis when spring.data.redis.host/url is set, else memory), redis or memory
 * @param window           outcomes per model and language the rolling accuracy is computed over
 * @param traceTtl         how long per-ticket predictions wait for feedback
 * @param refreshInterval  how often the routing path re-reads accuracies from Redis (other replicas' feedback)
 * @param traceMaxEntries  memory backend: most traces kept
 */
@ConfigurationProperties("callcenter.feedback")
public record FeedbackProperties(String backend, int window, Duration traceTtl, Duration refreshInterval, int traceMaxEntries) {
}

package ai.callcenter.agent.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callcenter.requests.*}: what the agent accepts, checked before any work.
 *
 * @param maxTextLength longest ticket text accepted, in characters
 * @param maxBatchSize  most tickets in one {@code /predict/batch}
 */
@ConfigurationProperties("callcenter.requests")
public record RequestLimitsProperties(int maxTextLength, int maxBatchSize) {
}

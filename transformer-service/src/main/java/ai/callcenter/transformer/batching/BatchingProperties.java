package ai.callcenter.transformer.batching;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Micro-batching of concurrent requests into one encoder call.
 *
 * @param enabled      off means every request encodes on its own thread
 * @param maxWait      how long the first request of a batch waits for company; requests that
 *                     queue up while the encoder is busy join the next batch without this wait
 * @param maxBatchSize most texts per encoder call; a request at least this large skips the queue
 */
@ConfigurationProperties("callcenter.transformer.batching")
public record BatchingProperties(boolean enabled, Duration maxWait, int maxBatchSize) {
}

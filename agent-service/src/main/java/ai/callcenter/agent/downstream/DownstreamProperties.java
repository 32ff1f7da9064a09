package ai.callcenter.agent.downstream;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callcenter.downstream.*}: where the classifier services are and how patiently to call them.
 *
 * @param tfidf            the fast first model
 * @param transformer      the slower, usually stronger second model
 * @param modelInfoTtl     how long a service's {@code GET /model} answer (version, labels) is reused
 * @param batchSize        most tickets per downstream {@code /predict/batch} call (the services' own limit)
 */
@ConfigurationProperties("callcenter.downstream")
public record DownstreamProperties(Service tfidf, Service transformer, Duration modelInfoTtl, int batchSize) {

    /**
     * @param name                 model name used in answers and metrics ({@code model_used})
     * @param url                  base URL of the service
     * @param enabled              false: never call it (e.g. no transformer deployed)
     * @param connectTimeout       TCP connect timeout
     * @param readTimeout          per-attempt timeout of {@code /predict}
     * @param batchReadTimeout     per-attempt timeout of {@code /predict/batch}
     * @param maxAttempts          attempts per call including the first (retries = maxAttempts - 1)
     * @param retryWait            pause between attempts
     * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
     * @param slidingWindowSize    number of recent calls the failure rate is computed over
     * @param minimumCalls         calls needed in the window before the rate is judged
     * @param openDuration         how long an open circuit rejects calls before probing again
     */
    public record Service(String name, URI url, boolean enabled, Duration connectTimeout, Duration readTimeout,
                          Duration batchReadTimeout, int maxAttempts, Duration retryWait, float failureRateThreshold,
                          int slidingWindowSize, int minimumCalls, Duration openDuration) {
    }
}

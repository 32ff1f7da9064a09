package ai.callcenter.serving.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on a request before it is parsed (callcenter.web.*).
 *
 * @param maxBodySize    a larger body is refused with 413 before it is read further
 * @param maxHeaderCount Tomcat refuses more headers than this (its own error page); above the ingress's own limits
 * @param overload       how many API requests are worked on at once ({@link OverloadGuard})
 */
@ConfigurationProperties("callcenter.web")
public record RequestProperties(DataSize maxBodySize, int maxHeaderCount, Overload overload) {

    /**
     * @param enabled               false: every request is worked on, however many arrive
     * @param maxConcurrentRequests API requests worked on at once; more wait up to {@code maxWait}, then get a 503
     * @param maxWait               how long a request above the limit waits for a place
     * @param retryAfter            the Retry-After of the 503
     */
    public record Overload(boolean enabled, int maxConcurrentRequests, Duration maxWait, Duration retryAfter) {
    }
}

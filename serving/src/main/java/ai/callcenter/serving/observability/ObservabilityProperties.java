package ai.callcenter.serving.observability;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callcenter.observability.*}: what every service adds to Spring Boot's metrics and tracing.
 *
 * @param traceIdHeader response header that carries the request's trace id, so a caller (or an SRE with
 *                      curl) can find the request's log lines and spans
 * @param processStatus the Linux process status file whose {@code VmRSS} line is exported as
 *                      {@code process_resident_memory_bytes}; no gauge where it does not exist
 */
@ConfigurationProperties("callcenter.observability")
public record ObservabilityProperties(String traceIdHeader, Path processStatus) {

    public ObservabilityProperties {
        if (traceIdHeader == null || traceIdHeader.isBlank() || processStatus == null) {
            throw new IllegalArgumentException("callcenter.observability.trace-id-header and .process-status must be set"
                    + " (each service's application.yaml has them)");
        }
    }
}

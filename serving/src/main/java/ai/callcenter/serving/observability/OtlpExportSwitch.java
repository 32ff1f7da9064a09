package ai.callcenter.serving.observability;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * OTLP span export is on exactly when an endpoint is given ({@code OTLP_TRACING_ENDPOINT}, bound to
 * {@code management.otlp.tracing.endpoint} in each service's application.yaml). Spring Boot would
 * otherwise build an exporter for a blank endpoint and fail, or, with a default endpoint, keep
 * sending spans to a collector that is not there. An explicit
 * {@code management.otlp.tracing.export.enabled} still wins: this only supplies the default, as the
 * last property source.
 */
class OtlpExportSwitch implements EnvironmentPostProcessor {

    static final String ENDPOINT = "management.otlp.tracing.endpoint";
    static final String EXPORT_ENABLED = "management.otlp.tracing.export.enabled";
    static final String SOURCE = "callcenterOtlpExportDefault";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean endpoint = StringUtils.hasText(environment.getProperty(ENDPOINT));
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(EXPORT_ENABLED, endpoint)));
    }
}

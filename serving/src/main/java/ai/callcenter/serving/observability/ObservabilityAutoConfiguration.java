package ai.callcenter.serving.observability;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;

/**
 * What the three services add to Spring Boot's actuator, metrics and tracing (docs/metrics.md):
 * {@code callcenter_build_info}, {@code process_resident_memory_bytes} and the {@code X-Trace-Id}
 * response header. Registered in META-INF/spring/…AutoConfiguration.imports, so every service that
 * has the serving module on its classpath gets it without importing anything; after Spring Boot's
 * project-info and tracing configurations, whose beans it reads.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration"})
@EnableConfigurationProperties(ObservabilityProperties.class)
public class ObservabilityAutoConfiguration {

    @Bean
    BuildInfoMetrics buildInfoMetrics(ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git) {
        BuildProperties b = build.getIfAvailable();
        GitProperties g = git.getIfAvailable();
        return new BuildInfoMetrics(b == null ? null : b.getVersion(), g == null ? null : g.getShortCommitId());
    }

    @Bean
    ResidentMemoryMetrics residentMemoryMetrics(ObservabilityProperties properties) {
        return new ResidentMemoryMetrics(properties.processStatus());
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBean(Tracer.class)
    TraceIdResponseFilter traceIdResponseFilter(Tracer tracer, ObservabilityProperties properties) {
        return new TraceIdResponseFilter(tracer, properties.traceIdHeader());
    }
}

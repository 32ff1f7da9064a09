package ai.callcenter.agent.downstream;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The classifier clients, built from Spring Boot's auto-configured {@link RestClient.Builder} (observed:
 * http_client_requests_seconds, one client span per call, the trace carried downstream), with their
 * circuit breakers and retries in registries whose meters are bound (resilience4j_circuitbreaker_*,
 * resilience4j_retry_*). The LLM arbiter's breaker is created in the same registry when it is on.
 */
@Configuration(proxyBeanMethods = false)
public class DownstreamConfiguration {

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry() {
        return CircuitBreakerRegistry.ofDefaults();
    }

    @Bean
    RetryRegistry retryRegistry() {
        return RetryRegistry.ofDefaults();
    }

    /** Binds every breaker of the registry, those created later included (it listens to the registry). */
    @Bean
    MeterBinder circuitBreakerMetrics(CircuitBreakerRegistry breakers) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers);
    }

    @Bean
    MeterBinder retryMetrics(RetryRegistry retries) {
        return TaggedRetryMetrics.ofRetryRegistry(retries);
    }

    @Bean
    Classifiers classifiers(DownstreamProperties properties, RestClient.Builder builder, CircuitBreakerRegistry breakers,
                            RetryRegistry retries) {
        return new Classifiers(new ClassifierClient(properties.tfidf(), properties.modelInfoTtl(), builder, breakers, retries),
                new ClassifierClient(properties.transformer(), properties.modelInfoTtl(), builder, breakers, retries));
    }
}

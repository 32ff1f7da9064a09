package ai.callcenter.agent.web;

import ai.callcenter.serving.web.ApiContract;
import ai.callcenter.serving.web.ProblemDetailsAdvice;
import ai.callcenter.serving.web.StrictRequestConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** RFC 7807 errors (shared advice) and the OpenAPI description served at /v3/api-docs. */
@Configuration(proxyBeanMethods = false)
@Import({ProblemDetailsAdvice.class, StrictRequestConfiguration.class})
@EnableConfigurationProperties(RequestLimitsProperties.class)
public class WebConfiguration {

    @Bean
    OpenAPI agentOpenApi() {
        return new OpenAPI().info(new Info().title("callcenter-ai agent-service").version("v1")
                .description("Front door of the ticket-triage platform: PII scrubbing, language detection, "
                        + "cascade routing between tfidf and transformer, feedback."));
    }

    /** Every error status and the configured limits in the OpenAPI document. */
    @Bean
    OpenApiCustomizer agentApiContract(RequestLimitsProperties limits) {
        return ApiContract.customizer(limits.maxTextLength(), limits.maxBatchSize());
    }
}

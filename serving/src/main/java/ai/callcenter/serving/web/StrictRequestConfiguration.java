package ai.callcenter.serving.web;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What a request must be before a controller sees it, shared by the three services:
 * <ul>
 *   <li>bodies read as the OpenAPI document types them: a number or a boolean where a string is declared
 *       ({@code "ticket_id": false}) is a 400, not silently turned into {@code "false"};</li>
 *   <li>one JSON document and nothing after it ({@code {...}garbage} is a 400);</li>
 *   <li>no more API requests worked on at once than the service can answer in time, the rest refused with a 503
 *       at once ({@link OverloadGuard});</li>
 *   <li>the body size, UTF-8 and Accept header checked first ({@link RequestBodyGuard});</li>
 *   <li>errors outside Spring MVC in problem+json ({@link ProblemErrorController});</li>
 *   <li>Tomcat's header limits above the ingress's, so what an ingress passes reaches the problem+json error
 *       handling instead of Tomcat's own HTML error page.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestProperties.class)
@Import(ProblemErrorController.class)
public class StrictRequestConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return builder -> builder.postConfigurer(mapper -> {
            for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Boolean, CoercionInputShape.Integer,
                    CoercionInputShape.Float}) {
                mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
            }
            mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        });
    }

    @Bean
    RequestBodyGuard requestBodyGuard(RequestProperties properties) {
        return new RequestBodyGuard(properties.maxBodySize().toBytes());
    }

    @Bean
    @ConditionalOnProperty(name = "callcenter.web.overload.enabled", havingValue = "true")
    OverloadGuard overloadGuard(RequestProperties properties, ObjectProvider<MeterRegistry> registry) {
        RequestProperties.Overload overload = properties.overload();
        // test slices without metrics get a registry of their own
        return new OverloadGuard(overload.maxConcurrentRequests(), overload.maxWait(), overload.retryAfter(),
                registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestHeaderLimits(RequestProperties properties) {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setProperty("maxHeaderCount", String.valueOf(properties.maxHeaderCount())));
    }
}

package ai.callcenter.agent.arbitration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The LLM arbiter exists only when enabled and given an API key; otherwise no answer ever waits on an LLM. */
@Configuration(proxyBeanMethods = false)
public class LlmConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

    @Bean
    @ConditionalOnExpression("${callcenter.llm.enabled:false} and '${callcenter.llm.api-key:}' != ''")
    LlmArbiter llmArbiter(LlmProperties properties, CircuitBreakerRegistry breakers) {
        log.info("llm arbitration on: model {} at {}, timeout {}", properties.model(), properties.baseUrl(), properties.timeout());
        return new ChatLlmArbiter(properties, breakers);
    }
}

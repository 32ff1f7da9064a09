package ai.callcenter.agent.llm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The LLM router exists only when enabled and given an API key; otherwise routing never waits on an LLM. */
@Configuration(proxyBeanMethods = false)
public class LlmConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

    @Bean
    @ConditionalOnExpression("${callcenter.llm.enabled:false} and '${callcenter.llm.api-key:}' != ''")
    LlmRouter llmRouter(LlmProperties properties) {
        log.info("llm routing on: model {} at {}, timeout {}", properties.model(), properties.baseUrl(), properties.timeout());
        return new ChatLlmRouter(properties);
    }
}

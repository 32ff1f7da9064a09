package ai.callcenter.agent.routing;

import ai.callcenter.agent.api.AgentResponse;
import ai.callcenter.agent.cache.AnswerCacheProperties;
import ai.callcenter.agent.downstream.Classifiers;
import ai.callcenter.agent.downstream.DownstreamProperties;
import ai.callcenter.agent.feedback.PerformanceStore;
import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.llm.LlmRouter;
import ai.callcenter.agent.metrics.AgentMetrics;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.common.serving.cache.ResultCache;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RoutingConfiguration.class);

    @Bean
    CascadePolicy cascadePolicy(RoutingProperties properties) {
        if (properties.config() == null || properties.config().isBlank()) {
            log.info("no router config (ROUTER_CONFIG unset): defaults, second model consulted below confidence {}",
                    properties.defaults().threshold());
            return new CascadePolicy(null, properties.defaults());
        }
        RouterConfig config = RouterConfigs.read(Path.of(properties.config()));
        CascadePolicy policy = new CascadePolicy(config, properties.defaults());
        log.info("router config {} loaded: {} segments, pooling {}, review below {}", properties.config(),
                config.segments().size(), policy.pooling(), config.reviewThreshold());
        return policy;
    }

    @Bean
    TriageService triageService(PiiScrubber scrubber, LanguageDetector languages, Classifiers classifiers,
                                CascadePolicy policy, PerformanceStore performance, ResultCache<AgentResponse> cache, AgentMetrics metrics,
                                ObjectProvider<LlmRouter> llm, RoutingProperties properties,
                                AnswerCacheProperties cacheProperties, DownstreamProperties downstream) {
        return new TriageService(scrubber, languages, classifiers.first(), classifiers.second(), policy, performance, cache,
                metrics, llm.getIfAvailable(), properties, cacheProperties.keyPrefix(), downstream.batchSize());
    }
}

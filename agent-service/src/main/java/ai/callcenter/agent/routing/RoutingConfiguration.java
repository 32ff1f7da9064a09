package ai.callcenter.agent.routing;

import ai.callcenter.agent.arbitration.LlmArbiter;
import ai.callcenter.agent.cache.AnswerCache;
import ai.callcenter.agent.downstream.Classifiers;
import ai.callcenter.agent.downstream.DownstreamProperties;
import ai.callcenter.agent.feedback.PerformanceStore;
import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.metrics.AgentMetrics;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.serving.artifact.MissingArtifactException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RoutingConfiguration.class);

    /** The command that fits a routing file, for the start-up message when the configured one is missing. */
    static final String MAKE_COMMAND = "bin/callcenter fit-router --data VALIDATION.csv --text-col text --label-col label "
            + "--first-url http://127.0.0.1:8001 --second-url http://127.0.0.1:8002 --out ";

    @Bean
    CascadePolicy cascadePolicy(RoutingProperties properties) {
        if (properties.config() == null || properties.config().isBlank()) {
            log.info("no fitted routing (ROUTER_CONFIG unset): defaults, second model consulted below confidence {}",
                    properties.defaults().threshold());
            return new CascadePolicy(null, properties.defaults());
        }
        Path file = Path.of(properties.config());
        MissingArtifactException.requireFile(file, "fitted routing (ROUTER_CONFIG)", MAKE_COMMAND + file);
        FittedRouting fitted = FittedRoutingFiles.read(file);
        CascadePolicy policy = new CascadePolicy(fitted, properties.defaults());
        log.info("fitted routing {} loaded: {} segments, pooling {}, review below {}", file, fitted.segments().size(),
                policy.pooling(), fitted.reviewThreshold());
        return policy;
    }

    @Bean
    TriageService triageService(PiiScrubber scrubber, LanguageDetector languages, Classifiers classifiers,
                                CascadePolicy policy, PerformanceStore performance, AnswerCache cache, AgentMetrics metrics,
                                ObjectProvider<LlmArbiter> arbiter, RoutingProperties properties,
                                DownstreamProperties downstream) {
        Cascade cascade = new Cascade(classifiers, languages, policy, performance, properties.trust(), metrics,
                downstream.batchSize());
        AnswerAssembler assembler = new AnswerAssembler(classifiers, policy, Optional.ofNullable(arbiter.getIfAvailable()),
                metrics);
        return new TriageService(scrubber, cache, cascade, assembler, classifiers, policy, performance, metrics);
    }
}

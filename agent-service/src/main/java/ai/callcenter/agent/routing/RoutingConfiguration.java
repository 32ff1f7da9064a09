package ai.callcenter.agent.routing;

import ai.callcenter.agent.arbitration.LlmArbiter;
import ai.callcenter.agent.cache.AnswerCache;
import ai.callcenter.agent.downstream.Classifiers;
import ai.callcenter.agent.downstream.DownstreamProperties;
import ai.callcenter.agent.feedback.PerformanceStore;
import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.metrics.AgentMetrics;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.statistics.PredictionStatistics;
import ai.callcenter.serving.artifact.MissingArtifactException;
import ai.callcenter.serving.registry.ModelSourceMetrics;
import ai.callcenter.serving.registry.ModelSourceProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModelSourceProperties.class)
public class RoutingConfiguration {

    /** The model label of the routing's series in callcenter_model_info and the registry counters. */
    static final String ROUTER_METRICS_NAME = "router";

    private static final Logger log = LoggerFactory.getLogger(RoutingConfiguration.class);

    /** The command that fits a routing file, for the start-up message when the configured one is missing. */
    static final String MAKE_COMMAND = "bin/callcenter fit-router --data VALIDATION.csv --text-col text --label-col label "
            + "--first-url http://127.0.0.1:8001 --second-url http://127.0.0.1:8002 --out ";

    /** Named so that actuator lists it as the {@code routing} health component (readiness group). */
    @Bean("routingHealthIndicator")
    RoutingPolicies routingPolicies(RoutingProperties properties, ModelSourceProperties source, MeterRegistry meters,
                                    AgentMetrics agentMetrics) {
        RoutingPolicies policies = routingPolicies(properties, source, meters);
        agentMetrics.routingReady(policies::ready);
        return policies;
    }

    private static RoutingPolicies routingPolicies(RoutingProperties properties, ModelSourceProperties source, MeterRegistry meters) {
        boolean fromFile = properties.config() != null && !properties.config().isBlank();
        ModelSourceMetrics metrics = new ModelSourceMetrics(meters, ROUTER_METRICS_NAME);
        if (source.fromRegistry()) {
            if (fromFile) {
                throw new IllegalStateException("ROUTER_CONFIG (" + properties.config() + ") and ROUTER_URI (" + source.uri()
                        + ") are both set; the routing comes from one place: unset one of them");
            }
            return new RegisteredRouting(source, properties.defaults(), properties.scopeCheck(), metrics);
        }
        if (!fromFile) {
            log.info("no fitted routing (ROUTER_CONFIG and ROUTER_URI unset): defaults, second model consulted below confidence {}",
                    properties.defaults().threshold());
            metrics.served("defaults", null);
            return new FixedRouting(new CascadePolicy(null, properties.defaults()), "defaults");
        }
        Path file = Path.of(properties.config());
        MissingArtifactException.requireFile(file, "fitted routing (ROUTER_CONFIG)", MAKE_COMMAND + file);
        FittedRouting fitted = FittedRoutingFiles.read(file);
        CascadePolicy policy = new CascadePolicy(fitted, properties.defaults(), properties.scopeCheck());
        log.info("fitted routing {} loaded: {} segments, pooling {}, review below {}", file, fitted.segments().size(),
                policy.pooling(), fitted.reviewThreshold());
        metrics.served(fitted.createdAt(), null);
        return new FixedRouting(policy, file.toString());
    }

    @Bean
    TriageService triageService(PiiScrubber scrubber, LanguageDetector languages, Classifiers classifiers,
                                RoutingPolicies policies, PerformanceStore performance, AnswerCache cache, AgentMetrics metrics,
                                ObjectProvider<LlmArbiter> arbiter, RoutingProperties properties,
                                DownstreamProperties downstream, PredictionStatistics statistics) {
        Cascade cascade = new Cascade(classifiers, languages, performance, properties.trust(), metrics,
                downstream.batchSize());
        AnswerAssembler assembler = new AnswerAssembler(classifiers, Optional.ofNullable(arbiter.getIfAvailable()),
                metrics);
        return new TriageService(scrubber, cache, cascade, assembler, classifiers, policies, performance, metrics, statistics);
    }
}

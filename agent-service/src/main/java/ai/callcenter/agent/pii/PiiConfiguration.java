package ai.callcenter.agent.pii;

import ai.callcenter.agent.metrics.AgentMetrics;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the PII scrubber once at start-up (loading the name gazetteers takes a few seconds). */
@Configuration(proxyBeanMethods = false)
public class PiiConfiguration {

    @Bean
    PiiScrubber piiScrubber(PiiProperties properties, AgentMetrics metrics) {
        PiiScrubber scrubber = PiiScrubbers.create(properties);
        metrics.piiNameModels(scrubber.usesNameModels());
        // a closed set: every type's series exists at 0 before its first find
        metrics.piiTypes(Arrays.stream(PiiType.values()).map(PiiType::name).toList());
        return scrubber;
    }
}

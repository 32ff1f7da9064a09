package ai.callcenter.agent.metrics;

import ai.callcenter.agent.arbitration.LlmArbiter;
import ai.callcenter.agent.downstream.DownstreamProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.List;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    AgentMetrics agentMetrics(MeterRegistry meters, MetricsProperties metricsProperties, DownstreamProperties downstream) {
        List<Tag> commonTags = metricsProperties.getTags().entrySet().stream()
                .map(e -> Tag.of(e.getKey(), e.getValue())).toList();
        List<String> fallbackReasons = List.of(AgentMetrics.unavailable(downstream.tfidf().name()),
                AgentMetrics.unavailable(downstream.transformer().name()));
        return new AgentMetrics(meters, commonTags, fallbackReasons, LlmArbiter.Verdict.OUTCOMES);
    }
}

package ai.callcenter.agent.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    AgentMetrics agentMetrics(MeterRegistry meters) {
        return new AgentMetrics(meters);
    }
}

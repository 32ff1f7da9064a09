package ai.callcenter.agent.feedback;

import ai.callcenter.agent.metrics.AgentMetrics;
import ai.callcenter.agent.statistics.PredictionStatistics;
import ai.callcenter.serving.cache.ResultCaches;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
public class FeedbackConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FeedbackConfiguration.class);

    @Bean
    PerformanceStore performanceStore(FeedbackProperties properties, Environment environment,
                                      ObjectProvider<StringRedisTemplate> redis, ObjectMapper json) {
        String backend = ResultCaches.resolveBackend(properties.backend(), environment, "memory");
        log.info("feedback store backend: {}", backend);
        return switch (backend) {
            case "redis" -> new RedisPerformanceStore(redis.getObject(), json, properties);
            case "memory" -> new MemoryPerformanceStore(properties);
            default -> throw new IllegalArgumentException("callcenter.feedback.backend must be auto, redis or memory; got "
                    + properties.backend());
        };
    }

    @Bean
    FeedbackService feedbackService(PerformanceStore store, AgentMetrics metrics, PredictionStatistics statistics) {
        return new FeedbackService(store, metrics, statistics);
    }

    /** Fail fast while Redis is unreachable instead of queueing commands until they time out. */
    @Bean
    LettuceClientConfigurationBuilderCustomizer rejectCommandsWhileDisconnected() {
        return builder -> builder.clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }
}

package ai.callcenter.agent.cache;

import ai.callcenter.api.AgentResponse;
import ai.callcenter.serving.cache.ResultCache;
import ai.callcenter.serving.cache.ResultCaches;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
public class AnswerCacheConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AnswerCacheConfiguration.class);

    @Bean
    AnswerCache answerCache(AnswerCacheProperties properties, Environment environment,
                            ObjectProvider<StringRedisTemplate> redis, ObjectMapper json, MeterRegistry meters) {
        String backend = ResultCaches.resolveBackend(properties.backend(), environment, "memory");
        log.info("answer cache backend: {}", backend);
        ResultCache<AgentResponse> answers = ResultCaches.create("answer", AgentResponse.class, backend, properties.ttl(),
                properties.memoryMaxEntries(), CircuitBreakerConfig.custom().waitDurationInOpenState(properties.redisOpenDuration()).build(),
                redis, json, meters);
        return new AnswerCache(answers, properties.keyPrefix());
    }
}

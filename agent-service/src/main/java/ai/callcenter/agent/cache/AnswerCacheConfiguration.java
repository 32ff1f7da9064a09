package ai.callcenter.agent.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.Locale;
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

    /** auto → redis when Redis is configured, else the given alternative. */
    public static String resolveBackend(String configured, Environment environment, String withoutRedis) {
        String backend = configured.toLowerCase(Locale.ROOT);
        if (backend.equals("auto")) {
            boolean redis = environment.containsProperty("spring.data.redis.host")
                    || environment.containsProperty("spring.data.redis.url");
            return redis ? "redis" : withoutRedis;
        }
        return backend;
    }

    @Bean
    AnswerCache answerCache(AnswerCacheProperties properties, Environment environment,
                            ObjectProvider<StringRedisTemplate> redis, ObjectMapper json) {
        String backend = resolveBackend(properties.backend(), environment, "memory");
        log.info("answer cache backend: {}", backend);
        return switch (backend) {
            case "redis" -> new RedisAnswerCache(redis.getObject(), json, properties.ttl(),
                    CircuitBreaker.of("redis-answer-cache", CircuitBreakerConfig.custom()
                            .waitDurationInOpenState(properties.redisOpenDuration()).build()));
            case "memory" -> new MemoryAnswerCache(properties.memoryMaxEntries(), properties.ttl());
            case "none" -> new NoAnswerCache();
            default -> throw new IllegalArgumentException("callcenter.answer-cache.backend must be auto, redis, memory or none; got "
                    + properties.backend());
        };
    }
}

package ai.callcenter.common.serving;

import ai.callcenter.common.serving.cache.InMemoryPredictionCache;
import ai.callcenter.common.serving.cache.NoPredictionCache;
import ai.callcenter.common.serving.cache.PredictionCache;
import ai.callcenter.common.serving.cache.RedisPredictionCache;
import ai.callcenter.common.web.ProblemDetailsAdvice;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The HTTP layer every classifier service shares: import it and provide a {@link ClassifierLoader}
 * and a {@code modelTypeName} through {@link ServedModel}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ServingProperties.class, CacheProperties.class})
@Import({ClassifierController.class, ProblemDetailsAdvice.class})
public class ClassifierServingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClassifierServingConfiguration.class);

    /** Names the served model type for metrics, e.g. {@code tfidf}. */
    public record ServedModel(String type) {
    }

    /** Named so that actuator lists it as the {@code model} health component (readiness group). */
    @Bean("modelHealthIndicator")
    LoadedModel loadedModel(ClassifierLoader loader) {
        return new LoadedModel(loader);
    }

    @Bean
    PredictionCache predictionCache(CacheProperties properties, Environment environment,
                                    ObjectProvider<StringRedisTemplate> redis, ObjectMapper json, MeterRegistry meters) {
        String backend = properties.backend().toLowerCase(Locale.ROOT);
        if (backend.equals("auto")) {
            boolean redisConfigured = environment.containsProperty("spring.data.redis.host")
                    || environment.containsProperty("spring.data.redis.url");
            backend = redisConfigured ? "redis" : "memory";
        }
        log.info("prediction cache backend: {}", backend);
        return switch (backend) {
            case "redis" -> new RedisPredictionCache(redis.getObject(), json, properties.ttl(),
                    CircuitBreaker.of("redis-cache", CircuitBreakerConfig.custom()
                            .slidingWindowSize(properties.redisFailureWindow())
                            .minimumNumberOfCalls(properties.redisMinimumCalls())
                            .waitDurationInOpenState(properties.redisOpenDuration())
                            .build()),
                    meters);
            case "memory" -> new InMemoryPredictionCache(properties.memoryMaxEntries(), properties.ttl());
            case "none" -> new NoPredictionCache();
            default -> throw new IllegalArgumentException("callcenter.cache.backend must be auto, redis, memory or none; got "
                    + properties.backend());
        };
    }

    @Bean
    PredictionMetrics predictionMetrics(MeterRegistry meters, ServedModel served, PredictionCache cache) {
        return new PredictionMetrics(meters, served.type(), cache.backend());
    }

    @Bean
    PredictionService predictionService(LoadedModel model, PredictionCache cache, PredictionMetrics metrics,
                                        ServingProperties limits, CacheProperties cacheProperties) {
        return new PredictionService(model, cache, metrics, limits, cacheProperties.keyPrefix());
    }
}

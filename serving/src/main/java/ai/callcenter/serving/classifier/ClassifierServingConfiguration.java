package ai.callcenter.serving.classifier;

import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.Prediction;
import ai.callcenter.serving.artifact.MissingArtifactException;
import ai.callcenter.serving.cache.ResultCache;
import ai.callcenter.serving.registry.ModelSourceMetrics;
import ai.callcenter.serving.registry.ModelSourceProperties;
import ai.callcenter.serving.cache.ResultCaches;
import ai.callcenter.serving.web.ApiContract;
import ai.callcenter.serving.web.ProblemDetailsAdvice;
import ai.callcenter.serving.web.StrictRequestConfiguration;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The HTTP layer every classifier service shares: import it and provide a {@link ClassifierLoader}
 * and a {@link ServedModel}. The model comes from {@code MODEL_DIR}, or from the MLflow registry
 * when {@code MODEL_URI} is set ({@link ModelSourceProperties}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ServingProperties.class, CacheProperties.class, ModelSourceProperties.class})
@Import({ClassifierController.class, ProblemDetailsAdvice.class, StrictRequestConfiguration.class})
public class ClassifierServingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClassifierServingConfiguration.class);

    /**
     * The service's model type (for metrics, e.g. {@code tfidf}), its local directory and the command
     * that trains one there (for the start-up message when it is missing).
     */
    public record ServedModel(String type, Path directory, String makeCommand) {
    }

    /** The OpenAPI document with every error status and the configured limits (docs/routing.md, "API"). */
    @Bean
    OpenApiCustomizer classifierApiContract(ServingProperties limits) {
        return ApiContract.customizer(limits.maxTextLength(), limits.maxBatchSize());
    }

    @Bean
    ModelSourceMetrics modelSourceMetrics(MeterRegistry meters, ServedModel served) {
        return new ModelSourceMetrics(meters, served.type());
    }

    /** Named so that actuator lists it as the {@code model} health component (readiness group). */
    @Bean("modelHealthIndicator")
    LoadedModel loadedModel(ClassifierLoader loader, ServedModel served, ModelSourceProperties source,
                            ModelSourceMetrics metrics, MeterRegistry meters) {
        LoadedModel model;
        if (source.fromRegistry()) {
            model = LoadedModel.fromRegistry(source, loader, metrics);
        } else {
            MissingArtifactException.requireFile(served.directory().resolve(ModelFiles.METADATA), served.type() + " model",
                    served.makeCommand());
            model = LoadedModel.fromDirectory(loader, served.directory(), metrics);
        }
        Gauge.builder("callcenter.model.degraded", model, m -> m.degraded() ? 1 : 0)
                .description("1 while the model is a cached copy served because MLflow is unreachable")
                .tag("model", served.type()).register(meters);
        Gauge.builder("callcenter.model.loaded", model, m -> m.isLoaded() ? 1 : 0)
                .description("1 while a model serves predictions, 0 while none is loaded (readiness is DOWN then)")
                .tag("model", served.type()).register(meters);
        return model;
    }

    @Bean
    ResultCache<Prediction> predictionCache(CacheProperties properties, Environment environment,
                                            ObjectProvider<StringRedisTemplate> redis, ObjectMapper json, MeterRegistry meters) {
        String backend = ResultCaches.resolveBackend(properties.backend(), environment, "memory");
        log.info("prediction cache backend: {}", backend);
        return ResultCaches.create("prediction", Prediction.class, backend, properties.ttl(), properties.memoryMaxEntries(),
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(properties.redisFailureWindow())
                        .minimumNumberOfCalls(properties.redisMinimumCalls())
                        .waitDurationInOpenState(properties.redisOpenDuration())
                        .build(),
                redis, json, meters);
    }

    @Bean
    PredictionMetrics predictionMetrics(MeterRegistry meters, ServedModel served, ResultCache<Prediction> cache) {
        return new PredictionMetrics(meters, served.type(), cache.backend());
    }

    @Bean
    PredictionService predictionService(LoadedModel model, ResultCache<Prediction> cache, PredictionMetrics metrics,
                                        ServingProperties limits, CacheProperties cacheProperties) {
        return new PredictionService(model, cache, metrics, limits, cacheProperties.keyPrefix());
    }
}

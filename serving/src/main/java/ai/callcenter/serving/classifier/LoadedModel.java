package ai.callcenter.serving.classifier;

import ai.callcenter.ml.model.TextClassifier;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import ai.callcenter.mlflow.RegistryFollower;
import ai.callcenter.mlflow.RegistryFollower.Loaded;
import ai.callcenter.mlflow.RegistryFollower.Origin;
import ai.callcenter.serving.registry.ModelSourceMetrics;
import ai.callcenter.serving.registry.ModelSourceProperties;
import ai.callcenter.serving.registry.RegistrySource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The model a classifier service serves, loaded off the start-up thread so that liveness answers at
 * once while readiness stays DOWN until a model is in memory. From a local directory it is loaded
 * once; from the registry it follows its {@code models:/} URI and a newer version replaces the
 * current one atomically: requests already running finish on the model they started with
 * ({@link #lease()}). Exposed as the {@code model} health component.
 */
public class LoadedModel implements HealthIndicator, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LoadedModel.class);

    /** What is served now, and from where. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String modelUri, String registeredModel, String registeredVersion, String origin, String problem) {
    }

    private final AtomicReference<ServedClassifier> local = new AtomicReference<>();
    private final AtomicReference<String> localFailure = new AtomicReference<>();
    private final RegistryFollower<ServedClassifier> follower;

    private LoadedModel(RegistryFollower<ServedClassifier> follower) {
        this.follower = follower;
    }

    /** The model in {@code dir}, loaded in the background. */
    public static LoadedModel fromDirectory(ClassifierLoader loader, Path dir, ModelSourceMetrics metrics) {
        LoadedModel model = new LoadedModel(null);
        CompletableFuture.runAsync(() -> {
            try {
                TextClassifier loaded = loader.load(dir);
                model.local.set(new ServedClassifier(loaded));
                metrics.served(loaded.version(), null);
                log.info("model {} loaded from {} ({} labels)", loaded.version(), dir, loaded.labels().size());
            } catch (RuntimeException e) {
                model.localFailure.set(e.getMessage());
                log.error("model could not be loaded from {}: {}", dir, e.getMessage(), e);
            }
        });
        return model;
    }

    /**
     * The version {@code properties.uri()} names in the registry, looked up now and every poll
     * interval; a replaced model retires once its requests are done.
     */
    public static LoadedModel fromRegistry(ModelSourceProperties properties, ClassifierLoader loader, ModelSourceMetrics metrics) {
        RegistryFollower<ServedClassifier> follower = RegistrySource.follower(properties,
                dir -> new ServedClassifier(loader.load(dir)), served -> served.model().version(), ServedClassifier::retire, metrics);
        LoadedModel model = new LoadedModel(follower);
        follower.startPolling(properties.pollInterval());
        return model;
    }

    /** For tests and for services that already hold the model. */
    public static LoadedModel of(TextClassifier model) {
        LoadedModel loaded = new LoadedModel(null);
        loaded.local.set(new ServedClassifier(model));
        return loaded;
    }

    /** The current model for one request; close the lease when the request is done. */
    public ModelLease lease() {
        while (true) {
            ServedClassifier served = current().orElseThrow(this::notReady);
            if (served.tryAcquire()) {
                return new ModelLease(served);
            }
            // replaced between the read and the acquire: the next read sees its successor
        }
    }

    /** The current model, for what needs no lease (its metadata). */
    public TextClassifier require() {
        return current().orElseThrow(this::notReady).model();
    }

    /** Served from a cached copy because MLflow could not be reached. */
    public boolean degraded() {
        return follower != null && follower.current().map(l -> l.origin() == Origin.CACHED_COPY).orElse(false);
    }

    public boolean isLoaded() {
        return current().isPresent();
    }

    /** Where the served model comes from; empty when it is a local directory's. */
    public Optional<Source> source() {
        if (follower == null) {
            return Optional.empty();
        }
        Optional<Loaded<ServedClassifier>> loaded = follower.current();
        return Optional.of(new Source(follower.uri().toString(), follower.uri().name(),
                loaded.map(Loaded::version).orElse(null), loaded.map(l -> l.origin().name().toLowerCase()).orElse(null),
                follower.problem().orElse(null)));
    }

    @Override
    public Health health() {
        Optional<ServedClassifier> served = current();
        Optional<Source> source = source();
        if (served.isPresent()) {
            Health.Builder up = Health.up().withDetail("version", served.get().model().version());
            source.ifPresent(s -> {
                up.withDetail("model_uri", s.modelUri()).withDetail("registered_version", s.registeredVersion())
                        .withDetail("origin", s.origin());
                up.withDetail("degraded", degraded());
                if (s.problem() != null) {
                    up.withDetail("problem", s.problem());
                }
            });
            return up.build();
        }
        if (source.isPresent()) {
            String problem = source.get().problem();
            return problem == null
                    ? Health.outOfService().withDetail("status", "loading " + source.get().modelUri()).build()
                    : Health.down().withDetail("error", problem).build();
        }
        String error = localFailure.get();
        return error == null
                ? Health.outOfService().withDetail("status", "loading").build()
                : Health.down().withDetail("error", error).build();
    }

    @Override
    public void destroy() {
        if (follower != null) {
            follower.close();
        }
        current().ifPresent(ServedClassifier::retire);
    }

    private Optional<ServedClassifier> current() {
        if (follower != null) {
            return follower.current().map(Loaded::value);
        }
        return Optional.ofNullable(local.get());
    }

    private ModelNotReadyException notReady() {
        if (follower != null) {
            return new ModelNotReadyException(follower.problem().map(p -> "no model is served yet: " + p)
                    .orElse("the model is still loading; retry shortly"));
        }
        return new ModelNotReadyException(localFailure.get() == null
                ? "the model is still loading; retry shortly"
                : "the model could not be loaded");
    }
}

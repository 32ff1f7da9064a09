package ai.callcenter.serving.classifier;

import ai.callcenter.ml.model.TextClassifier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Loads the model off the start-up thread so that liveness answers at once while readiness stays
 * DOWN until the model is in memory. Exposed as the {@code model} health component.
 */
public class LoadedModel implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(LoadedModel.class);

    private final AtomicReference<TextClassifier> classifier = new AtomicReference<>();
    private final AtomicReference<String> failure = new AtomicReference<>();

    public LoadedModel(ClassifierLoader loader) {
        CompletableFuture.runAsync(() -> {
            try {
                TextClassifier loaded = loader.load();
                classifier.set(loaded);
                log.info("model {} loaded ({} labels)", loaded.version(), loaded.labels().size());
            } catch (RuntimeException e) {
                failure.set(e.getMessage());
                log.error("model could not be loaded: {}", e.getMessage(), e);
            }
        });
    }

    /** For tests and for services that already hold the model. */
    public static LoadedModel of(TextClassifier model) {
        return new LoadedModel(() -> model).awaitLoaded();
    }

    public TextClassifier require() {
        TextClassifier model = classifier.get();
        if (model == null) {
            throw new ModelNotReadyException(failure.get() == null
                    ? "the model is still loading; retry shortly"
                    : "the model could not be loaded");
        }
        return model;
    }

    public boolean isLoaded() {
        return classifier.get() != null;
    }

    @Override
    public Health health() {
        TextClassifier model = classifier.get();
        if (model != null) {
            return Health.up().withDetail("version", model.version()).build();
        }
        String error = failure.get();
        return error == null
                ? Health.outOfService().withDetail("status", "loading").build()
                : Health.down().withDetail("error", error).build();
    }

    private LoadedModel awaitLoaded() {
        while (classifier.get() == null && failure.get() == null) {
            Thread.onSpinWait();
        }
        return this;
    }
}

package ai.callcenter.serving.registry;

import ai.callcenter.mlflow.MlflowArtifacts;
import ai.callcenter.mlflow.MlflowException;
import ai.callcenter.mlflow.MlflowRest;
import ai.callcenter.mlflow.ModelDownloads;
import ai.callcenter.mlflow.ModelRegistry;
import ai.callcenter.mlflow.ModelUri;
import ai.callcenter.mlflow.RegistryFollower;
import ai.callcenter.mlflow.RegistryFollower.Loaded;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A service's served artifact followed in the MLflow registry, as {@link ModelSourceProperties} configure it. */
public final class RegistrySource {

    private static final Logger log = LoggerFactory.getLogger(RegistrySource.class);

    private RegistrySource() {
    }

    /**
     * A follower of {@code properties.uri()}: versions are copied under the cache directory and loaded
     * with {@code loader}; every switch, failure and unreachable registry is logged and counted, and
     * a replaced value is handed to {@code retire}.
     *
     * @param versionOf the loaded value's own version, for the logs and the info metric
     */
    public static <T> RegistryFollower<T> follower(ModelSourceProperties properties, Function<Path, T> loader,
                                                   Function<T, String> versionOf, Consumer<T> retire, ModelSourceMetrics metrics) {
        ModelUri uri = ModelUri.parse(properties.uri());
        MlflowRest rest = new MlflowRest(properties.trackingUri(), properties.requestTimeout());
        log.info("{} from the registry at {}, looked up every {}", uri, properties.trackingUri(), properties.pollInterval());
        return new RegistryFollower<>(uri, new ModelRegistry(rest), new ModelDownloads(new MlflowArtifacts(rest), properties.cacheDir()),
                loader, new RegistryFollower.Events<>() {
                    @Override
                    public void switched(Loaded<T> previous, Loaded<T> next) {
                        log.info("serving version {} of {} ({}, {})", next.version(), next.name(), versionOf.apply(next.value()),
                                next.origin());
                        if (previous != null) {
                            retire.accept(previous.value());
                        }
                        metrics.served(versionOf.apply(next.value()), next.version());
                    }

                    @Override
                    public void loadFailed(String version, RuntimeException error) {
                        log.error("version {} of {} could not be loaded; what is served stays: {}", version, uri.name(),
                                error.getMessage(), error);
                        metrics.loadFailed();
                    }

                    @Override
                    public void registryUnreachable(MlflowException error) {
                        log.warn("model registry unreachable: {}", error.getMessage());
                        metrics.registryUnreachable();
                    }
                });
    }
}

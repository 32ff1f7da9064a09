package ai.callcenter.tools.tracking;

import ai.callcenter.mlflow.MlflowArtifacts;
import ai.callcenter.mlflow.MlflowException;
import ai.callcenter.mlflow.MlflowRest;
import ai.callcenter.mlflow.ModelRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.mlflow.tracking.MlflowClient;

/**
 * The MLflow server runs are logged to: {@code MLFLOW_TRACKING_URI} (the {@code mlflow.tracking.uri}
 * system property wins, for tests). Without either, the commands log nothing and behave as always.
 */
public record TrackingServer(URI uri) {

    public static final String PROPERTY = "mlflow.tracking.uri";
    public static final String ENVIRONMENT = "MLFLOW_TRACKING_URI";
    /** An artifact upload or a registry call that takes longer than this has failed. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    public static Optional<TrackingServer> configured() {
        String uri = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        return uri == null || uri.isBlank() ? Optional.empty() : Optional.of(new TrackingServer(URI.create(uri.trim())));
    }

    /** @throws MlflowException naming the variable and the way out when the server does not answer */
    public TrackingServer requireReachable() {
        try {
            rest().checkHealth();
            return this;
        } catch (MlflowException e) {
            throw new MlflowException(ENVIRONMENT + "=" + uri + " does not answer (" + e.getMessage() + "); start the server"
                    + " (scripts/mlflow.sh start) or unset " + ENVIRONMENT + " to work without tracking", e.status(), e.errorCode(), e);
        }
    }

    /** Runs, parameters, metrics and tags: the Java MLflow client. */
    MlflowClient client() {
        return new MlflowClient(uri.toString());
    }

    MlflowRest rest() {
        return new MlflowRest(uri, TIMEOUT);
    }

    public ModelRegistry registry() {
        return new ModelRegistry(rest());
    }

    public MlflowArtifacts artifacts() {
        return new MlflowArtifacts(rest());
    }
}

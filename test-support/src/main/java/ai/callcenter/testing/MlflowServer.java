package ai.callcenter.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * The MLflow server that scripts/mlflow.sh starts (MLFLOW_TRACKING_URI, default http://127.0.0.1:5000).
 * A test that needs it is skipped when it is not running, and fails in CI, which starts it.
 */
public final class MlflowServer {

    private MlflowServer() {
    }

    public static URI uri() {
        URI uri = URI.create(System.getenv().getOrDefault("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000"));
        if (!healthy(uri)) {
            String message = "no MLflow server at " + uri + " (scripts/mlflow.sh start)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return uri;
    }

    private static boolean healthy(URI uri) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(uri + "/health")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

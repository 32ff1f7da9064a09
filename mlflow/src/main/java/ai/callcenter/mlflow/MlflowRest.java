package ai.callcenter.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON over HTTP to one MLflow server ({@code MLFLOW_TRACKING_URI}): the registry and the artifact
 * proxy, which the Java MLflow client does not cover (its artifact calls shell out to Python, its
 * registry is read-only).
 */
public final class MlflowRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEALTH = "/health";

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param trackingUri e.g. {@code http://127.0.0.1:5000}
     * @param timeout     per call; a large artifact gets the same budget per transfer
     */
    public MlflowRest(URI trackingUri, Duration timeout) {
        String text = trackingUri.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI base() {
        return base;
    }

    public JsonNode get(String path, Map<String, String> query) {
        return json(send(HttpRequest.newBuilder(uri(path, query)).GET(), path));
    }

    public JsonNode post(String path, Object body) {
        return json(send(withJson(HttpRequest.newBuilder(uri(path, Map.of())), "POST", body), path));
    }

    public JsonNode patch(String path, Object body) {
        return json(send(withJson(HttpRequest.newBuilder(uri(path, Map.of())), "PATCH", body), path));
    }

    public JsonNode delete(String path, Object body) {
        return json(send(withJson(HttpRequest.newBuilder(uri(path, Map.of())), "DELETE", body), path));
    }

    /** @throws MlflowException when the server does not answer its health check */
    public void checkHealth() {
        send(HttpRequest.newBuilder(uri(HEALTH, Map.of())).GET(), HEALTH);
    }

    /** PUT of a file's bytes (the artifact proxy's upload). */
    public void put(String path, Path file) {
        try {
            send(HttpRequest.newBuilder(uri(path, Map.of())).PUT(HttpRequest.BodyPublishers.ofFile(file)), path);
        } catch (java.io.FileNotFoundException e) {
            throw new MlflowException("cannot read " + file, 0, null, e);
        }
    }

    /** GET of raw bytes (the artifact proxy's download). */
    public InputStream download(String path) {
        HttpRequest request = HttpRequest.newBuilder(uri(path, Map.of())).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw failure(path, response.statusCode(), body);
            }
            return response.body();
        } catch (IOException e) {
            throw unreachable(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(path, e);
        }
    }

    private static HttpRequest.Builder withJson(HttpRequest.Builder builder, String method, Object body) {
        try {
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write an MLflow request as JSON", e);
        }
    }

    private String send(HttpRequest.Builder builder, String path) {
        try {
            HttpResponse<String> response = http.send(builder.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw failure(path, response.statusCode(), response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw unreachable(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(path, e);
        }
    }

    private MlflowException unreachable(String path, Exception e) {
        String kind = e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
        return new MlflowException("MLflow at " + base + " unreachable (" + kind + ") for " + path, 0, null, e);
    }

    private static MlflowException failure(String path, int status, String body) {
        String code = null;
        String message = "";
        try {
            JsonNode error = JSON.readTree(body);
            code = error.path("error_code").asText(null);
            message = error.path("message").asText("");
        } catch (IOException | RuntimeException ignored) {
            // not JSON: the status says enough
        }
        return new MlflowException("MLflow " + path + " answered " + status + (code == null ? "" : " " + code)
                + (message.isEmpty() ? "" : ": " + message), status, code, null);
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new MlflowException("MLflow answered something that is not JSON", 200, null, e);
        }
    }

    private URI uri(String path, Map<String, String> query) {
        String q = query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(base + path + q);
    }
}

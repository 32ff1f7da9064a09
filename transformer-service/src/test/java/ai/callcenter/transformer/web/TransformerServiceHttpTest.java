package ai.callcenter.transformer.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.transformer.TestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The real service over HTTP on a tiny trained model with the in-process cache. */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "callcenter.cache.backend=memory",
        "callcenter.serving.max-text-length=300",
        "callcenter.serving.max-batch-size=4",
        "callcenter.transformer.encoder.max-tokens=128",
        // A generous wait so that the concurrency test sees batching even on a loaded machine.
        "callcenter.transformer.batching.max-wait=20ms"})
class TransformerServiceHttpTest {

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("callcenter.transformer.model.dir", () -> TestSupport.tinyModel().toString());
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(port, path);
    }

    HttpResponse<String> get(int onPort, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Actuator paths, served on the management port only. */
    HttpResponse<String> actuator(String path) throws Exception {
        return get(managementPort, path);
    }

    @BeforeEach
    void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (actuator("/actuator/health/readiness").statusCode() != 200) {
            assertThat(System.nanoTime()).as("model never became ready").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void predictAnswersWithACategoryOfTheModelAndCachesRepeats() throws Exception {
        String body = "{\"ticket_id\":\"T-1\",\"text\":\"I still have not received my new card, when will it arrive?\"}";
        HttpResponse<String> first = post("/predict", "application/json", body);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(first.body());
        JsonNode model = json.readTree(get("/model").body());
        List<String> labels = new ArrayList<>();
        model.get("labels").forEach(l -> labels.add(l.asText()));
        assertThat(labels).contains(answer.get("category").asText());
        assertThat(answer.get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(answer.get("ticket_id").asText()).isEqualTo("T-1");
        assertThat(answer.get("model_version").asText()).startsWith("transformer-");
        assertThat(answer.get("cached").asBoolean()).isFalse();
        assertThat(answer.get("out_of_scope").isBoolean()).isTrue();
        assertThat(answer.get("oos_score").isNumber()).isTrue();

        JsonNode second = json.readTree(post("/predict", "application/json", body).body());
        assertThat(second.get("cached").asBoolean()).isTrue();
        assertThat(second.get("category").asText()).isEqualTo(answer.get("category").asText());
    }

    @Test
    void batchAnswersEveryItemInOrder() throws Exception {
        HttpResponse<String> response = post("/predict/batch", "application/json",
                "{\"items\":[{\"text\":\"how do I activate my card\"},{\"text\":\"is there a fee for a top up\"},"
                        + "{\"text\":\"how do I activate my card\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode items = json.readTree(response.body()).get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("category").asText()).isEqualTo(items.get(2).get("category").asText());
        assertThat(items.get(1).get("oos_score").isNumber()).isTrue();
        assertThat(items.get(1).has("out_of_scope")).isTrue();
    }

    @Test
    void badInputIsAProblemDocument() throws Exception {
        assertProblem(post("/predict", "application/json", "{\"text\":\"   \"}"), 400);
        assertProblem(post("/predict", "application/json", "{\"text\":\"" + "a".repeat(301) + "\"}"), 413);
        assertProblem(post("/predict", "application/json", "{\"text\": oops"), 400);
        assertProblem(post("/predict", "text/plain", "lost card"), 415);
        assertProblem(post("/predict/batch", "application/json", "{\"items\":[]}"), 400);
        assertProblem(post("/predict/batch", "application/json",
                "{\"items\":[{\"text\":\"a\"},{\"text\":\"b\"},{\"text\":\"c\"},{\"text\":\"d\"},{\"text\":\"e\"}]}"), 413);
    }

    private void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(status);
    }

    @Test
    void concurrentRequestsAreEncodedTogether() throws Exception {
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String body = "{\"text\":\"concurrent ticket number " + i + " about my card payment\"}";
            statuses.add(pool.submit(() -> {
                start.await();
                return post("/predict", "application/json", body).statusCode();
            }));
        }
        start.countDown();
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
        pool.shutdown();
        String metrics = actuator("/actuator/prometheus").body();
        double max = metrics.lines().filter(l -> l.startsWith("transformer_encoder_batch_size_texts_max"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).max().orElse(0);
        assertThat(max).as("largest encoder batch").isGreaterThan(1);
    }

    @Test
    void probesAndMetricsAreExposed() throws Exception {
        assertThat(actuator("/actuator/health/liveness").statusCode()).isEqualTo(200);
        JsonNode health = json.readTree(actuator("/actuator/health").body());
        assertThat(health.at("/components/model/status").asText()).isEqualTo("UP");
        assertThat(actuator("/actuator/prometheus").body()).contains("transformer_encoder_batch_size");
    }

    @Test
    void actuatorIsOnlyOnTheManagementPort() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/actuator/info")) {
            assertThat(get(path).statusCode()).as("API port " + path).isEqualTo(404);
            assertThat(actuator(path).statusCode()).as("management port " + path).isEqualTo(200);
        }
        JsonNode info = json.readTree(actuator("/actuator/info").body());
        assertThat(info.at("/build/version").asText()).isNotBlank();
        assertThat(info.at("/git/commit/id").asText()).isNotBlank();
    }

    @Test
    void everyResponseCarriesItsTraceIdAndTheServiceMetricsAreExported() throws Exception {
        HttpResponse<String> ok = post("/predict", "application/json", "{\"text\":\"where is my card\"}");
        HttpResponse<String> bad = post("/predict", "application/json", "{\"text\":\"   \"}");
        for (HttpResponse<String> response : List.of(ok, bad, get("/model"))) {
            assertThat(response.headers().firstValue("X-Trace-Id")).as(response.uri().toString())
                    .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
        }
        assertThat(ok.headers().firstValue("X-Trace-Id")).isNotEqualTo(bad.headers().firstValue("X-Trace-Id"));

        String metrics = actuator("/actuator/prometheus").body();
        assertThat(metrics)
                .containsPattern("(?m)^callcenter_model_loaded\\{[^}]*model=\"transformer\"[^}]*} 1\\.0$")
                .containsPattern("(?m)^callcenter_build_info\\{[^}]*commit=\"[^\"]+\"[^}]*version=\"[^\"]+\"[^}]*} 1(\\.0)?$")
                .containsPattern("(?m)^process_resident_memory_bytes\\{[^}]*} [1-9]")
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{[^}]*uri=\"/predict\"[^}]*}")
                .contains("application=\"transformer-service\"")
                .doesNotContain("http_server_requests_active_seconds_bucket");
    }
}

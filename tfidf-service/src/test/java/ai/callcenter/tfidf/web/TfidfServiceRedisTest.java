package ai.callcenter.tfidf.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.ml.training.Progress;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.serving.cache.CacheKeys;
import ai.callcenter.testing.RedisServer;
import ai.callcenter.tfidf.TestModels;
import ai.callcenter.tfidf.TfidfApplication;
import ai.callcenter.tfidf.model.TfidfModel;
import ai.callcenter.tfidf.model.TfidfModelStore;
import ai.callcenter.tfidf.training.TfidfTrainer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service against a real redis-server process: answers are cached under hashed keys,
 * and when Redis dies mid-test the service keeps answering and counts the failures.
 */
@SpringBootTest(classes = TfidfApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TfidfServiceRedisTest {

    private static final String TICKET = "Hello, my printer 42 is jammed again. Call me at jane.doe@example.com";
    private static RedisServer redis;
    private static Path modelDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        redis = RedisServer.start();
        modelDir = Files.createTempDirectory("tfidf-model");
        TfidfModel model = new TfidfTrainer(TestModels.quickTraining())
                .train(TestModels.tinyTickets(), new TrainingContext(42, "c".repeat(64), Progress.silent()));
        TfidfModelStore.save(model, modelDir);
        registry.add("callcenter.tfidf.model.dir", modelDir::toString);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", redis::port);
        registry.add("callcenter.cache.redis-open-duration", () -> "1s");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.stop();
        org.springframework.util.FileSystemUtils.deleteRecursively(modelDir);
    }

    @Autowired
    TestRestTemplate http;
    @LocalManagementPort
    int managementPort;

    /** Actuator paths are served on the management port only. */
    String actuator(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    @Autowired
    StringRedisTemplate redisTemplate;

    private final ObjectMapper json = new ObjectMapper();

    private ResponseEntity<String> predict(String text) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/predict", new HttpEntity<>("{\"text\":" + quote(text) + ",\"ticket_id\":\"T-9\"}", headers), String.class);
    }

    private static ResponseEntity<String> answer(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    @Order(1)
    void readinessTurnsUpOnceTheModelIsLoaded() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.getForEntity(actuator("/actuator/health/readiness"), String.class).getStatusCode()).isEqualTo(HttpStatus.OK));
        assertThat(http.getForEntity(actuator("/actuator/health/liveness"), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        // the actuator is on the management port only; the API port answers 404 there
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/actuator/info")) {
            assertThat(http.getForEntity(path, String.class).getStatusCode()).as("API port " + path).isEqualTo(HttpStatus.NOT_FOUND);
        }
        assertThat(http.getForObject(actuator("/actuator/info"), String.class)).contains("\"build\"", "\"git\"");
        // Opens the shared Lettuce connection now, so the first cached request does not pay for it.
        assertThat(redisTemplate.keys("*")).isEmpty();
    }

    @Test
    @Order(2)
    void cachesAnswersInRedisUnderHashedKeysOnly() throws Exception {
        JsonNode first = json.readTree(predict(TICKET).getBody());
        assertThat(first.get("category").asText()).isEqualTo("hardware");
        assertThat(first.get("cached").asBoolean()).isFalse();
        assertThat(first.get("ticket_id").asText()).isEqualTo("T-9");
        assertThat(first.get("oov_rate").asDouble()).isBetween(0.0, 1.0);

        JsonNode second = json.readTree(predict("hello MY printer 42 is jammed again... call me at jane.doe@example.com").getBody());
        assertThat(second.get("cached").asBoolean()).isTrue();
        assertThat(second.get("category").asText()).isEqualTo(first.get("category").asText());

        Set<String> keys = redisTemplate.keys("*");
        String version = first.get("model_version").asText();
        String normalized = "hello my printer 42 is jammed again call me at jane doe example com";
        assertThat(keys).containsExactly("tfidf:" + version + ":" + CacheKeys.sha256Hex(normalized));
        for (String key : keys) {
            assertThat(key).doesNotContain("printer").doesNotContain("jane");
            assertThat(redisTemplate.opsForValue().get(key)).doesNotContain("jane").doesNotContain("printer");
            assertThat(redisTemplate.getExpire(key)).isPositive();
        }
    }

    @Test
    @Order(3)
    void keepsServingWhenRedisDiesAndCountsTheFailures() throws Exception {
        redis.stop();
        for (int i = 0; i < 5; i++) {
            ResponseEntity<String> answer = predict("laptop screen flickers " + i);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(json.readTree(answer.getBody()).get("cached").asBoolean()).isFalse();
        }
        ResponseEntity<String> scrape = http.getForEntity(actuator("/actuator/prometheus"), String.class);
        assertThat(scrape.getStatusCode()).as(String.valueOf(scrape.getBody())).isEqualTo(HttpStatus.OK);
        String metrics = scrape.getBody();
        double errors = metrics.lines()
                .filter(line -> line.startsWith("callcenter_cache_errors_total{") && line.contains("operation=\"get\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
        assertThat(errors).as(metrics.lines().filter(l -> l.contains("cache")).toList().toString()).isGreaterThanOrEqualTo(5);
        assertThat(metrics).containsPattern("(?m)^callcenter_model_loaded\\{[^}]*model=\"tfidf\"[^}]*} 1\\.0$")
                .containsPattern("(?m)^callcenter_build_info\\{[^}]*} 1(\\.0)?$")
                .containsPattern("(?m)^process_resident_memory_bytes\\{[^}]*} [1-9]")
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{[^}]*uri=\"/predict\"");
        assertThat(answer(predict("printer is broken")).getHeaders().getFirst("X-Trace-Id")).matches("[0-9a-f]{32}");
        assertThat(metrics).contains("callcenter_predictions_total{").contains("callcenter_prediction_latency_seconds_bucket{")
                .contains("callcenter_cache_lookups_total{").doesNotContain("jane");
        assertThat(http.getForEntity(actuator("/actuator/health/readiness"), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    @Order(4)
    void modelEndpointAndOpenApi() throws Exception {
        JsonNode model = json.readTree(http.getForObject("/model", String.class));
        assertThat(model.get("model_type").asText()).isEqualTo("tfidf");
        assertThat(model.get("labels")).hasSize(3);
        assertThat(http.getForEntity("/v3/api-docs", String.class).getBody()).contains("/predict/batch");
    }
}

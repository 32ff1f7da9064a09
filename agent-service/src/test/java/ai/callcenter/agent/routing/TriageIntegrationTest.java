package ai.callcenter.agent.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.LocalClients;
import ai.callcenter.agent.TestPiiModels;
import ai.callcenter.agent.downstream.Classifiers;
import ai.callcenter.testing.FakeClassifierServer;
import ai.callcenter.testing.RedisServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The whole agent over HTTP against real local servers impersonating tfidf and transformer, and a
 * real redis-server: routing, every fallback, the cache, feedback, and that no personal data
 * reaches Redis, metrics, logs or the classifiers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "callcenter.language.languages=ENGLISH,GERMAN",
        "callcenter.downstream.model-info-ttl=1s",
        "callcenter.downstream.tfidf.read-timeout=300ms",
        "callcenter.downstream.transformer.read-timeout=300ms",
        "callcenter.llm.enabled=false"})
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability
class TriageIntegrationTest {

    static final long SLOW_MILLIS = 1500;
    static final FakeClassifierServer TFIDF;
    static final FakeClassifierServer TRANSFORMER;
    static final RedisServer REDIS;
    static final Path ROUTER_CONFIG;

    static {
        try {
            TFIDF = new FakeClassifierServer("tfidf-v1", 0.95, 0.5, SLOW_MILLIS);
            TRANSFORMER = new FakeClassifierServer("transformer-v1", 0.9, 0.9, SLOW_MILLIS);
            REDIS = RedisServer.start();
            ROUTER_CONFIG = Files.createTempFile("router", ".json");
            FittedRoutingFiles.write(new FittedRouting(FittedRouting.FORMAT, "2026-01-01T00:00:00Z", "tfidf", "transformer", "tfidf-v1",
                    "transformer-v1", "en", 0.5, Combiner.Rule.LINEAR, 0.6, new FittedRouting.Complexity(1, 0.9, 0.9),
                    Map.of("*", new FittedRouting.Segment(0.8, true, 100, null, null, null)), null), ROUTER_CONFIG);
        } catch (IOException | InterruptedException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("callcenter.downstream.tfidf.url", TFIDF::url);
        registry.add("callcenter.downstream.transformer.url", TRANSFORMER::url);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("callcenter.routing.config", ROUTER_CONFIG::toString);
        registry.add("callcenter.pii.name-model-dir", () -> TestPiiModels.directory().toString());
    }

    @AfterAll
    static void stopServers() throws Exception {
        TFIDF.close();
        TRANSFORMER.close();
        REDIS.close();
        Files.deleteIfExists(ROUTER_CONFIG);
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    Classifiers classifiers;
    @Autowired
    StringRedisTemplate redis;

    final ObjectMapper json = new ObjectMapper();
    RestClient http;

    @BeforeEach
    void reset() {
        TFIDF.mode(FakeClassifierServer.Mode.OK);
        TRANSFORMER.mode(FakeClassifierServer.Mode.OK);
        TFIDF.scopeBlind(false);
        classifiers.first().circuitBreaker().reset();
        classifiers.second().circuitBreaker().reset();
        http = LocalClients.on(port);
        management = LocalClients.on(managementPort);
    }

    /** The actuator, on its own port. */
    RestClient management;

    String scrape() {
        return management.get().uri("/actuator/prometheus").retrieve().body(String.class);
    }

    record Reply(int status, String contentType, JsonNode body) {
    }

    Reply post(String path, Object body) throws IOException {
        var entity = http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
        return new Reply(entity.getStatusCode().value(), String.valueOf(entity.getHeaders().getContentType()),
                json.readTree(entity.getBody()));
    }

    @Test
    void aConfidentAnswerFullOfUnknownWordsTakesTheTransformersScopeVerdict() throws IOException {
        TFIDF.scopeBlind(true);
        int transformerCalls = TRANSFORMER.predictions();
        Reply r = post("/predict", Map.of("text", "clearly my card wifi " + FakeClassifierServer.UNKNOWN_WORD));
        assertThat(r.status()).isEqualTo(200);
        // tfidf's answer (it was confident), the transformer's verdict
        assertThat(r.body().get("model_used").asText()).isEqualTo("tfidf");
        assertThat(r.body().get("category").asText()).isEqualTo("card");
        assertThat(r.body().get("out_of_scope").asBoolean()).isTrue();
        assertThat(r.body().get("needs_review").asBoolean()).isTrue();
        assertThat(r.body().get("route_reason").asText())
                .contains("unknown words (oov_rate 1.00 > 0.90): second model's out-of-scope verdict")
                .contains("out of scope for transformer (oos_score 3.50)");
        assertThat(TRANSFORMER.predictions()).isEqualTo(transformerCalls + 1);

        // known words: tfidf alone, the transformer is not asked
        Reply known = post("/predict", Map.of("text", "clearly my card wifi at home"));
        assertThat(known.body().get("out_of_scope").asBoolean()).isFalse();
        assertThat(TRANSFORMER.predictions()).isEqualTo(transformerCalls + 1);
    }

    @Test
    void outOfScopeTicketKeepsItsBestGuessButGoesToReview() throws IOException {
        Reply r = post("/predict", Map.of("text", "clearly my card wifi is not working", "ticket_id", "T-oos"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("model_used").asText()).isEqualTo("tfidf");
        assertThat(r.body().get("category").asText()).isEqualTo("card");
        assertThat(r.body().get("out_of_scope").asBoolean()).isTrue();
        assertThat(r.body().get("oos_score").asDouble()).isEqualTo(FakeClassifierServer.OUT_OF_SCOPE_SCORE);
        assertThat(r.body().get("needs_review").asBoolean()).isTrue();
        assertThat(r.body().get("route_reason").asText()).contains("out of scope for tfidf (oos_score 3.50)");
    }

    @Test
    void inScopeConfidentTicketIsNotSentToReview() throws IOException {
        Reply r = post("/predict", Map.of("text", "my card clearly never arrived, ticket in-scope", "ticket_id", "T-in"));
        assertThat(r.body().get("out_of_scope").asBoolean()).isFalse();
        assertThat(r.body().get("oos_score").asDouble()).isEqualTo(FakeClassifierServer.IN_SCOPE_SCORE);
        assertThat(r.body().get("needs_review").asBoolean()).isFalse();
        assertThat(r.body().get("route_reason").asText()).doesNotContain("out of scope");
    }

    @Test
    void confidentTicketIsAnsweredByTfidfAlone() throws IOException {
        int before = TRANSFORMER.predictions();
        Reply r = post("/predict", Map.of("text", "my card clearly never arrived, ticket A", "ticket_id", "T-conf"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("ticket_id").asText()).isEqualTo("T-conf");
        assertThat(r.body().get("category").asText()).isEqualTo("card");
        assertThat(r.body().get("model_used").asText()).isEqualTo("tfidf");
        assertThat(r.body().get("degraded").asBoolean()).isFalse();
        assertThat(r.body().get("needs_review").asBoolean()).isFalse();
        assertThat(r.body().get("language").asText()).isEqualTo("en");
        assertThat(r.body().get("processing_time").asDouble()).isPositive().isLessThan(5);
        assertThat(r.body().get("route_reason").asText()).contains("confident");
        assertThat(TRANSFORMER.predictions()).isEqualTo(before);
    }

    @Test
    void unsureTicketIsAveragedWithTheTransformer() throws IOException {
        int before = TRANSFORMER.predictions();
        Reply r = post("/predict", Map.of("text", "something about a refund for my order B"));
        assertThat(r.body().get("model_used").asText()).isEqualTo("tfidf+transformer");
        assertThat(r.body().get("category").asText()).isEqualTo("refund");
        // (0.5 + 0.9) / 2 with the fitted weight 0.5
        assertThat(r.body().get("confidence").asDouble()).isBetween(0.699, 0.701);
        assertThat(r.body().get("degraded").asBoolean()).isFalse();
        assertThat(TRANSFORMER.predictions()).isEqualTo(before + 1);
    }

    @Test
    void transformerFailingGivesTheTfidfAnswerFlaggedDegraded() throws IOException {
        for (FakeClassifierServer.Mode mode : List.of(FakeClassifierServer.Mode.ERROR, FakeClassifierServer.Mode.SLOW)) {
            TRANSFORMER.mode(mode);
            long started = System.nanoTime();
            Reply r = post("/predict", Map.of("text", "a question about a transfer C " + mode));
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(r.status()).as(mode.name()).isEqualTo(200);
            assertThat(r.body().get("model_used").asText()).isEqualTo("tfidf");
            assertThat(r.body().get("category").asText()).isEqualTo("transfer");
            assertThat(r.body().get("degraded").asBoolean()).isTrue();
            assertThat(r.body().get("route_reason").asText()).contains("transformer unavailable");
            // two attempts of at most the 300 ms read timeout, not the server's 1.5 s
            assertThat(seconds).as(mode.name()).isLessThan(1.2);
        }
    }

    @Test
    void tfidfFailingGivesTheTransformerAnswerFlaggedDegraded() throws IOException {
        TFIDF.mode(FakeClassifierServer.Mode.ERROR);
        Reply r = post("/predict", Map.of("text", "my card clearly never arrived D"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("model_used").asText()).isEqualTo("transformer");
        assertThat(r.body().get("degraded").asBoolean()).isTrue();
        assertThat(r.body().get("route_reason").asText()).contains("tfidf unavailable");
    }

    @Test
    void bothDownIs503ProblemJson() throws IOException {
        TFIDF.mode(FakeClassifierServer.Mode.ERROR);
        TRANSFORMER.mode(FakeClassifierServer.Mode.ERROR);
        Reply r = post("/predict", Map.of("text", "my card clearly never arrived E"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("title").asText()).isEqualTo("Classifiers unavailable");
        Reply batch = post("/predict/batch", Map.of("items", List.of(Map.of("text", "a refund F"), Map.of("text", "a card G"))));
        assertThat(batch.status()).isEqualTo(503);
    }

    @Test
    void openCircuitSkipsTheFailingServiceWithoutWaiting() throws IOException {
        TRANSFORMER.mode(FakeClassifierServer.Mode.SLOW);
        for (int i = 0; i < 12; i++) {
            post("/predict", Map.of("text", "refund number " + i + " H"));
        }
        assertThat(classifiers.second().circuitBreaker().getState().name()).isEqualTo("OPEN");
        // Requests are counted on arrival: slow ones from the loop above may still be finishing.
        int before = TRANSFORMER.hits();
        long started = System.nanoTime();
        Reply r = post("/predict", Map.of("text", "refund once more H"));
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(0.25);
        assertThat(r.body().get("degraded").asBoolean()).isTrue();
        assertThat(TRANSFORMER.hits()).isEqualTo(before);
    }

    @Test
    void batchRoutesEachTicketAndCallsEachServiceOnce() throws IOException {
        Reply r = post("/predict/batch", Map.of("items", List.of(
                Map.of("text", "clearly my card J", "ticket_id", "b1"),
                Map.of("text", "maybe a refund J", "ticket_id", "b2"),
                Map.of("text", "clearly a transfer J", "ticket_id", "b3"))));
        assertThat(r.status()).isEqualTo(200);
        JsonNode items = r.body().get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("model_used").asText()).isEqualTo("tfidf");
        assertThat(items.get(1).get("model_used").asText()).isEqualTo("tfidf+transformer");
        assertThat(items.get(2).get("ticket_id").asText()).isEqualTo("b3");
        assertThat(items.get(2).get("category").asText()).isEqualTo("transfer");
    }

    @Test
    void repeatedTicketIsServedFromTheRedisCache() throws IOException, InterruptedException {
        // Answers are cached only once the model versions are known (an earlier test may have failed /model).
        long deadline = System.nanoTime() + 3_000_000_000L;
        while ((classifiers.first().modelInfo().isEmpty() || classifiers.second().modelInfo().isEmpty())
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Map<String, String> ticket = Map.of("text", "clearly a card question K", "ticket_id", "k1");
        Reply first = post("/predict", ticket);
        int calls = TFIDF.predictions();
        Reply second = post("/predict", Map.of("text", "clearly a card question K", "ticket_id", "k2"));
        assertThat(first.body().get("cached").asBoolean()).isFalse();
        assertThat(second.body().get("cached").asBoolean()).isTrue();
        assertThat(second.body().get("ticket_id").asText()).isEqualTo("k2");
        assertThat(second.body().get("category").asText()).isEqualTo(first.body().get("category").asText());
        assertThat(TFIDF.predictions()).isEqualTo(calls);
        assertThat(redis.keys("agent:answer:*")).isNotEmpty();
        // a ticket answered from the cache takes feedback too; no model was asked, so no model's record changes
        Reply feedback = post("/feedback", Map.of("ticket_id", "k2", "category", first.body().get("category").asText()));
        assertThat(feedback.status()).isEqualTo(200);
        assertThat(feedback.body().get("correct").asBoolean()).isTrue();
        assertThat(feedback.body().get("models").size()).isZero();
        // degraded answers are not cached: the next call retries the full route
        TRANSFORMER.mode(FakeClassifierServer.Mode.ERROR);
        post("/predict", Map.of("text", "refund L"));
        TRANSFORMER.mode(FakeClassifierServer.Mode.OK);
        assertThat(post("/predict", Map.of("text", "refund L")).body().get("degraded").asBoolean()).isFalse();
    }

    @Test
    void feedbackUpdatesRollingAccuracyInRedis() throws IOException {
        post("/predict", Map.of("text", "maybe a refund M", "ticket_id", "fb-1"));
        Reply fb = post("/feedback", Map.of("ticket_id", "fb-1", "category", "refund"));
        assertThat(fb.status()).isEqualTo(200);
        assertThat(fb.body().get("correct").asBoolean()).isTrue();
        assertThat(fb.body().get("models").get("tfidf").asBoolean()).isTrue();
        assertThat(fb.body().get("models").get("transformer").asBoolean()).isTrue();
        Map<Object, Object> accuracy = redis.opsForHash().entries("agent:accuracy");
        assertThat(accuracy).containsKeys("tfidf:en", "transformer:en", "agent:en");
        Reply unknown = post("/feedback", Map.of("ticket_id", "never-seen", "category", "refund"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void feedbackShowingTheTransformerWorseStopsConsultingIt() throws IOException {
        // German tickets: the transformer fails on them ("other"), tfidf finds the label.
        TRANSFORMER.blindTo("Frage");
        for (int i = 0; i < 60; i++) {
            String id = "de-" + i;
            post("/predict", Map.of("text", "Ich habe eine Frage zu meiner refund Nummer " + i, "ticket_id", id));
            post("/feedback", Map.of("ticket_id", id, "category", i % 10 == 0 ? "other" : "refund"));
        }
        int before = TRANSFORMER.predictions();
        Reply r = post("/predict", Map.of("text", "Ich habe noch eine Frage zu meiner refund", "ticket_id", "de-x"));
        assertThat(r.body().get("language").asText()).isEqualTo("de");
        assertThat(r.body().get("model_used").asText()).isEqualTo("tfidf");
        assertThat(r.body().get("route_reason").asText()).contains("transformer not trusted");
        assertThat(TRANSFORMER.predictions()).isEqualTo(before);
        TRANSFORMER.blindTo(null);
    }

    @Test
    void noPersonalDataAtRest(CapturedOutput output) throws IOException {
        List<String> secrets = List.of("jane.doe@example.com", "+44 7700 900461", "Jane Doe");
        post("/predict", Map.of("text", "Hi, I am Jane Doe, mail jane.doe@example.com or call +44 7700 900461 about my card",
                "ticket_id", "pii-1"));
        Reply r = post("/predict", Map.of("text", "Jane Doe here (jane.doe@example.com), clearly a refund, phone: +44 7700 900461",
                "ticket_id", "pii-2"));
        assertThat(r.body().get("pii_types").toString()).contains("EMAIL", "PHONE");
        post("/feedback", Map.of("ticket_id", "pii-2", "category", "refund"));

        List<String> stored = new ArrayList<>();
        Set<String> keys = redis.keys("*");
        assertThat(keys).isNotEmpty();
        for (String key : keys) {
            stored.add(key);
            DataType type = redis.type(key);
            switch (type) {
                case STRING -> stored.add(redis.opsForValue().get(key));
                case LIST -> stored.addAll(redis.opsForList().range(key, 0, -1));
                case HASH -> redis.opsForHash().entries(key).forEach((k, v) -> stored.add(k + "=" + v));
                default -> stored.add(type.name());
            }
        }
        String prometheus = scrape();
        assertThat(prometheus).contains("agent_pii_detected_total", "agent_requests_total", "agent_stage_latency_seconds_bucket",
                "agent_cache_total", "agent_confidence");
        // The name finders are loaded (the test reads the dataset), so the rules-only alert stays quiet.
        assertThat(prometheus).containsPattern("(?m)^agent_pii_name_models(\\{[^}]*})? 1\\.0$");
        List<String> downstream = new ArrayList<>(TFIDF.receivedTexts());
        downstream.addAll(TRANSFORMER.receivedTexts());
        for (String secret : secrets) {
            assertThat(String.join("\n", stored)).as("redis").doesNotContain(secret);
            assertThat(prometheus).as("metrics").doesNotContain(secret);
            assertThat(output.getAll()).as("logs").doesNotContain(secret);
            assertThat(String.join("\n", downstream)).as("downstream").doesNotContain(secret);
        }
        assertThat(String.join("\n", downstream)).contains("<EMAIL>", "<PHONE>");
    }

    @Test
    void actuatorIsOnlyOnTheManagementPort() throws IOException {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/actuator/info",
                "/actuator/metrics")) {
            assertThat(http.get().uri(path).retrieve().toBodilessEntity().getStatusCode().value()).as("API port " + path)
                    .isEqualTo(404);
            assertThat(management.get().uri(path).retrieve().toBodilessEntity().getStatusCode().value())
                    .as("management port " + path).isEqualTo(200);
        }
        JsonNode info = json.readTree(management.get().uri("/actuator/info").retrieve().body(String.class));
        assertThat(info.at("/build/version").asText()).isNotBlank();
        assertThat(info.at("/git/commit/id").asText()).isNotBlank();
    }

    @Test
    void oneTraceFromTheAgentThroughBothClassifiers() {
        // unsure: tfidf is asked (on the cascade's own thread) and then the transformer
        var answer = http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "maybe a refund, trace me T")).retrieve().toEntity(String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        String traceId = answer.getHeaders().getFirst("X-Trace-Id");
        assertThat(traceId).matches("[0-9a-f]{32}");
        // W3C traceparent: 00-TRACEID-PARENTSPANID-FLAGS
        assertThat(TFIDF.receivedTraceParents()).anySatisfy(header -> assertThat(header).startsWith("00-" + traceId + "-"));
        assertThat(TRANSFORMER.receivedTraceParents()).anySatisfy(header -> assertThat(header).startsWith("00-" + traceId + "-"));

        // every response has one, errors included, and each request its own
        var invalid = http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON).body(Map.of("text", " "))
                .retrieve().toEntity(String.class);
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(invalid.getHeaders().getFirst("X-Trace-Id")).matches("[0-9a-f]{32}").isNotEqualTo(traceId);
        TFIDF.mode(FakeClassifierServer.Mode.ERROR);
        TRANSFORMER.mode(FakeClassifierServer.Mode.ERROR);
        var unavailable = http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON).body(Map.of("text", "refund U"))
                .retrieve().toEntity(String.class);
        assertThat(unavailable.getStatusCode().value()).isEqualTo(503);
        assertThat(unavailable.getHeaders().getFirst("X-Trace-Id")).matches("[0-9a-f]{32}");
    }

    @Test
    void confidenceLandsInItsBucketInTheRealScrape() throws IOException {
        Map<String, Double> before = confidenceSeries(scrape());
        // a "clearly" ticket: tfidf alone, confidence exactly 0.95
        post("/predict", Map.of("text", "clearly my card, bucket check " + System.nanoTime()));
        Map<String, Double> after = confidenceSeries(scrape());
        Map<String, Double> delta = new java.util.TreeMap<>();
        after.forEach((series, value) -> delta.put(series, value - before.getOrDefault(series, 0.0)));
        assertThat(delta).containsEntry("le=0.9", 0.0).containsEntry("le=0.95", 1.0).containsEntry("le=0.99", 1.0)
                .containsEntry("le=1.0", 1.0).containsEntry("le=+Inf", 1.0).containsEntry("count", 1.0);
        assertThat(after.get("le=1.0")).isEqualTo(after.get("le=+Inf")).isEqualTo(after.get("count"));
        assertThat(after.get("le=0.99")).as("answers below 1.0 land in finite buckets").isPositive();
    }

    /** The agent_confidence series as "le=BOUND" and "count" to their values. */
    static Map<String, Double> confidenceSeries(String scrape) {
        Map<String, Double> series = new java.util.TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^agent_confidence_(bucket|count)\\{([^}]*)} (\\S+)$").matcher(scrape);
        while (m.find()) {
            assertThat(m.group(2)).contains("application=\"agent-service\"");
            String key = m.group(1).equals("count") ? "count" : m.group(2).replaceAll(".*le=\"([^\"]+)\".*", "le=$1");
            series.put(key, Double.parseDouble(m.group(3)));
        }
        assertThat(series).containsKeys("le=0.1", "le=0.5", "le=0.99", "le=1.0", "le=+Inf", "count");
        return series;
    }

    @Test
    void serviceLibraryAndReadinessMetricsAreExported() throws IOException {
        post("/predict", Map.of("text", "maybe a refund, metrics M"));
        String metrics = scrape();
        assertThat(metrics)
                .containsPattern("(?m)^agent_routing_ready\\{[^}]*} 1\\.0$")
                .containsPattern("(?m)^agent_answers_total\\{[^}]*category=\"refund\"[^}]*} [1-9]")
                .containsPattern("(?m)^callcenter_build_info\\{[^}]*commit=\"[^\"]+\"[^}]*version=\"[^\"]+\"[^}]*} 1(\\.0)?$")
                .containsPattern("(?m)^process_resident_memory_bytes\\{[^}]*} [1-9]")
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{[^}]*uri=\"/predict\"[^}]*}")
                .containsPattern("(?m)^http_client_requests_seconds_bucket\\{[^}]*client_name=\"127.0.0.1\"[^}]*uri=\"/predict\"")
                .containsPattern("(?m)^http_client_requests_seconds_count\\{[^}]*uri=\"/model\"")
                // in-flight timers keep no buckets (management.metrics.distribution in application.yaml)
                .doesNotContain("http_server_requests_active_seconds_bucket", "http_client_requests_active_seconds_bucket");
        for (String breaker : List.of("tfidf", "transformer")) {
            assertThat(metrics)
                    .containsPattern("(?m)^resilience4j_circuitbreaker_state\\{[^}]*name=\"" + breaker + "\",state=\"closed\"} 1\\.0$")
                    .containsPattern("(?m)^resilience4j_circuitbreaker_calls_seconds_count\\{[^}]*kind=\"successful\",name=\"" + breaker + "\"")
                    .containsPattern("(?m)^resilience4j_circuitbreaker_failure_rate\\{[^}]*name=\"" + breaker + "\"")
                    .containsPattern("(?m)^resilience4j_retry_calls_total\\{[^}]*kind=\"successful_without_retry\",name=\"" + breaker + "\"");
        }
        // closed sets are there at 0 before their first event, so alerts on them are not blind
        for (String reason : List.of("tfidf_unavailable", "transformer_unavailable")) {
            assertThat(metrics).containsPattern("(?m)^agent_fallbacks_total\\{[^}]*reason=\"" + reason + "\"");
        }
        for (String outcome : ai.callcenter.agent.arbitration.LlmArbiter.Verdict.OUTCOMES) {
            assertThat(metrics).containsPattern("(?m)^agent_llm_calls_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} ");
        }
        assertThat(metrics).containsPattern("(?m)^agent_cache_total\\{[^}]*result=\"hit\"")
                .containsPattern("(?m)^agent_cache_total\\{[^}]*result=\"miss\"");
    }

    @Test
    void noLogLineHoldsTicketTextOrPersonalData(CapturedOutput output) throws IOException {
        String marker = "Quixotically";
        List<String> secrets = List.of("Priya Raman", "priya.raman@example.org", "+44 7700 900123", "07700 900123",
                "4111 1111 1111 1111", "4111111111111111", "Baker Street", marker);
        String ticket = marker + " my card 4111 1111 1111 1111 was charged twice. I am Priya Raman, 221B Baker Street, "
                + "mail priya.raman@example.org, phone +44 7700 900123 or 07700 900123";
        // answered, with the transformer failing so that the request logs a warning
        TRANSFORMER.mode(FakeClassifierServer.Mode.ERROR);
        assertThat(post("/predict", Map.of("text", ticket + " maybe", "ticket_id", "log-1")).status()).isEqualTo(200);
        TRANSFORMER.mode(FakeClassifierServer.Mode.OK);
        post("/predict/batch", Map.of("items", List.of(Map.of("text", ticket), Map.of("text", "clearly " + ticket))));
        post("/feedback", Map.of("ticket_id", "log-1", "category", ticket));
        // bad input: malformed JSON, wrong types, too long, wrong content type, nothing classifiable
        String cut = "{\"text\": \"" + ticket + "\", \"ticket_id\": ";
        for (String body : List.of(cut, cut + "[" + ticket + "]}", "{\"text\": " + ticket + "}",
                "{\"text\": \"" + (ticket + " ").repeat(300) + "\"}", "{\"items\": \"" + ticket + "\"}")) {
            for (String path : List.of("/predict", "/predict/batch", "/feedback")) {
                int status = http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                        .toBodilessEntity().getStatusCode().value();
                assertThat(status).as(path).isBetween(400, 499);
            }
        }
        assertThat(http.post().uri("/predict").contentType(MediaType.TEXT_PLAIN).body(ticket).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(415);
        TFIDF.mode(FakeClassifierServer.Mode.ERROR);
        TRANSFORMER.mode(FakeClassifierServer.Mode.ERROR);
        assertThat(post("/predict", Map.of("text", ticket + " both down")).status()).isEqualTo(503);

        String all = output.getAll();
        for (String secret : secrets) {
            assertThat(all).as("logs").doesNotContain(secret);
        }
        // one JSON object per line; a line written while a request ran names its trace
        List<JsonNode> lines = new ArrayList<>();
        for (String line : all.lines().filter(l -> !l.isBlank()).toList()) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).isNotEmpty();
        List<JsonNode> failedCalls = lines.stream().filter(l -> l.path("message").asText().contains("call failed")).toList();
        assertThat(failedCalls).isNotEmpty().allSatisfy(l -> {
            assertThat(l.path("traceId").asText()).matches("[0-9a-f]{32}");
            assertThat(l.path("spanId").asText()).matches("[0-9a-f]{16}");
        });
    }

    @Test
    void openApiDescribesTheEndpoints() throws IOException {
        String docs = http.get().uri("/v3/api-docs").retrieve().body(String.class);
        assertThat(docs).contains("/predict", "/predict/batch", "/feedback", "needs_review");
        // every status the agent answers, with its problem+json body, and the configured limits (scripts/contract.sh fuzzes them)
        JsonNode api = json.readTree(docs);
        assertThat(api.at("/paths/~1predict/post/responses").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("200", "400", "413", "415", "503");
        assertThat(api.at("/paths/~1predict~1batch/post/responses/413/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(api.at("/paths/~1feedback/post/responses").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("200", "400", "404", "413", "415");
        assertThat(api.at("/components/schemas/PredictRequest/properties/text/maxLength").asInt()).isEqualTo(10_000);
        assertThat(api.at("/components/schemas/PredictRequest/properties/text/pattern").asText()).isEqualTo("[^\\u0000-\\u0020]");
        assertThat(api.at("/components/schemas/BatchPredictRequest/properties/items/maxItems").asInt()).isEqualTo(1000);
        assertThat(http.get().uri("/swagger-ui/index.html").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(200);
    }
}

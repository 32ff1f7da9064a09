package ai.callcenter.agent.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.LocalClients;
import ai.callcenter.agent.TestPiiModels;
import ai.callcenter.mlflow.testing.TestRegistry;
import ai.callcenter.testing.FakeClassifierServer;
import ai.callcenter.testing.MlflowServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The agent with ROUTER_URI=models:/NAME@champion against the real MLflow server: it routes with the
 * champion routing and follows the alias under load without a failed request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "callcenter.language.languages=ENGLISH,GERMAN",
        "callcenter.llm.enabled=false",
        "callcenter.model-source.poll-interval=200ms"})
class RegisteredRoutingTest {

    static final FakeClassifierServer TFIDF;
    static final FakeClassifierServer TRANSFORMER;
    static TestRegistry registry;
    static String name;
    static String tfidfAlone;
    static String withTransformer;

    static {
        try {
            TFIDF = new FakeClassifierServer("tfidf-v1", 0.95, 0.5, 0);
            TRANSFORMER = new FakeClassifierServer("transformer-v1", 0.9, 0.9, 0);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A registered routing version that consults the transformer below {@code threshold} (0: never). */
    static String register(String createdAt, double threshold) throws IOException {
        Path dir = Files.createTempDirectory("router-version");
        FittedRoutingFiles.write(new FittedRouting(FittedRouting.FORMAT, createdAt, "tfidf", "transformer", "tfidf-v1",
                "transformer-v1", "en", 0.5, Combiner.Rule.LINEAR, 0.6, new FittedRouting.Complexity(1, 0.9, 0.9),
                Map.of("*", new FittedRouting.Segment(threshold, threshold > 0, 100, null, null, null)), null),
                dir.resolve(FittedRoutingFiles.REGISTERED_FILE));
        return registry.register(name, dir);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) throws IOException {
        URI mlflow = MlflowServer.uri();
        registry = new TestRegistry(mlflow);
        name = TestRegistry.uniqueName("ticket-router-test");
        tfidfAlone = register("2026-01-01T00:00:00Z", 0.0);
        withTransformer = register("2026-02-01T00:00:00Z", 0.8);
        registry.setAlias(name, "champion", tfidfAlone);
        properties.add("callcenter.downstream.tfidf.url", TFIDF::url);
        properties.add("callcenter.downstream.transformer.url", TRANSFORMER::url);
        properties.add("callcenter.pii.name-model-dir", () -> TestPiiModels.directory().toString());
        properties.add("callcenter.model-source.uri", () -> "models:/" + name + "@champion");
        properties.add("callcenter.model-source.tracking-uri", mlflow::toString);
        Path cache = Files.createTempDirectory("router-cache");
        properties.add("callcenter.model-source.cache-dir", cache::toString);
    }

    @AfterAll
    static void stopServers() {
        TFIDF.close();
        TRANSFORMER.close();
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    final ObjectMapper json = new ObjectMapper();

    RestClient http() {
        return client(port);
    }

    /** The actuator, served on the management port only. */
    RestClient management() {
        return client(managementPort);
    }

    static RestClient client(int port) {
        return LocalClients.on(port);
    }

    JsonNode routingHealth() throws IOException {
        return json.readTree(management().get().uri("/actuator/health").retrieve().body(String.class)).get("components").get("routing");
    }

    @Test
    void routesWithTheChampionAndFollowsTheAliasWithoutAFailedRequest() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                management().get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode().is2xxSuccessful());
        assertThat(routingHealth().get("details").get("registered_version").asText()).isEqualTo(tfidfAlone);

        AtomicBoolean running = new AtomicBoolean(true);
        List<String> failures = new ArrayList<>();
        Set<String> modelsUsed = ConcurrentHashMap.newKeySet();
        Thread client = new Thread(() -> {
            for (int i = 0; running.get(); i++) {
                // an unsure ticket: tfidf alone under the first routing, pooled with the transformer under the second
                var reply = http().post().uri("/predict").contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("text", "something about a refund for order " + i)).retrieve().toEntity(String.class);
                if (reply.getStatusCode().value() != 200) {
                    failures.add(reply.getStatusCode() + " " + reply.getBody());
                } else {
                    try {
                        modelsUsed.add(json.readTree(reply.getBody()).get("model_used").asText());
                    } catch (IOException e) {
                        failures.add(e.toString());
                    }
                }
            }
        });
        client.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> modelsUsed.contains("tfidf"));
        registry.setAlias(name, "champion", withTransformer);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> modelsUsed.contains("tfidf+transformer"));
        running.set(false);
        client.join();

        assertThat(failures).isEmpty();
        assertThat(modelsUsed).containsExactlyInAnyOrder("tfidf", "tfidf+transformer");
        JsonNode health = routingHealth();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("details").get("registered_version").asText()).isEqualTo(withTransformer);
        assertThat(health.get("details").get("degraded").asBoolean()).isFalse();
    }
}

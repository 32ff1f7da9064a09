package ai.callcenter.tfidf.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.ml.training.Progress;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.mlflow.MlflowArtifacts;
import ai.callcenter.mlflow.MlflowRest;
import ai.callcenter.mlflow.ModelDownloads;
import ai.callcenter.mlflow.ModelUri;
import ai.callcenter.mlflow.RegistryFollower;
import ai.callcenter.mlflow.testing.TestRegistry;
import ai.callcenter.testing.MlflowServer;
import ai.callcenter.tfidf.TestModels;
import ai.callcenter.tfidf.TfidfApplication;
import ai.callcenter.tfidf.model.TfidfModel;
import ai.callcenter.tfidf.model.TfidfModelStore;
import ai.callcenter.tfidf.training.TfidfTrainer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** MODEL_URI set but MLflow unreachable at start-up: the cached copy is served degraded; without one, readiness stays DOWN. */
class TfidfServiceWithoutMlflowTest {

    /** Nothing listens here. */
    static final String UNREACHABLE = "http://127.0.0.1:1";

    static void sharedProperties(DynamicPropertyRegistry properties, String modelUri, Path cache) {
        properties.add("callcenter.model-source.uri", () -> modelUri);
        properties.add("callcenter.model-source.tracking-uri", () -> UNREACHABLE);
        properties.add("callcenter.model-source.cache-dir", cache::toString);
        properties.add("callcenter.model-source.poll-interval", () -> "200ms");
        properties.add("callcenter.model-source.request-timeout", () -> "2s");
        properties.add("callcenter.tfidf.model.dir", () -> cache.resolve("no-local-model").toString());
    }

    @Nested
    @SpringBootTest(classes = TfidfApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    @AutoConfigureObservability
    class WithACachedCopy {

        static String modelVersion;

        /** An earlier run of the service loaded the champion into the cache: the same code path, while MLflow was up. */
        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry properties) throws Exception {
            URI mlflow = MlflowServer.uri();
            TestRegistry registry = new TestRegistry(mlflow);
            String name = TestRegistry.uniqueName("ticket-tfidf-test");
            Path work = Files.createTempDirectory("tfidf-cached");
            TfidfModel model = new TfidfTrainer(TestModels.quickTraining())
                    .train(TestModels.tinyTickets(), new TrainingContext(42, "d".repeat(64), Progress.silent()));
            TfidfModelStore.save(model, work.resolve("model"));
            modelVersion = model.version();
            registry.setAlias(name, "champion", registry.register(name, work.resolve("model")));
            MlflowRest rest = new MlflowRest(mlflow, Duration.ofSeconds(30));
            RegistryFollower<TfidfModel> earlierRun = new RegistryFollower<>(ModelUri.parse("models:/" + name + "@champion"),
                    registry.registry(), new ModelDownloads(new MlflowArtifacts(rest), work.resolve("cache")), TfidfModelStore::load,
                    new RegistryFollower.Events<>() { });
            earlierRun.refresh();
            assertThat(earlierRun.current()).isPresent();
            sharedProperties(properties, "models:/" + name + "@champion", work.resolve("cache"));
        }

        @Autowired
        TestRestTemplate http;
        @LocalManagementPort
        int managementPort;

        /** Actuator paths are served on the management port only. */
        String actuator(String path) {
            return "http://127.0.0.1:" + managementPort + path;
        }

        @Test
        void servesTheCachedCopyAndSaysItIsDegraded() throws Exception {
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> http.getForEntity(actuator("/actuator/health/readiness"), String.class).getStatusCode().is2xxSuccessful());
            JsonNode model = new ObjectMapper().readTree(http.getForObject("/model", String.class));
            assertThat(model.get("version").asText()).isEqualTo(modelVersion);
            assertThat(model.get("registry").get("origin").asText()).isEqualTo("cached_copy");
            JsonNode health = new ObjectMapper().readTree(http.getForObject(actuator("/actuator/health"), String.class))
                    .get("components").get("model").get("details");
            assertThat(health.get("degraded").asBoolean()).isTrue();
            assertThat(health.get("problem").asText()).contains("MLflow unreachable", "cached copy");
            ResponseEntity<String> answer = http.postForEntity("/predict",
                    jsonRequest("{\"text\":\"printer 3 is jammed again\"}"), String.class);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(http.getForObject(actuator("/actuator/prometheus"), String.class)).contains("callcenter_model_degraded{")
                    .containsPattern("callcenter_model_registry_unreachable_total\\{[^}]*\\} [1-9]");
        }
    }

    @Nested
    @SpringBootTest(classes = TfidfApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class WithoutACopy {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry properties) throws Exception {
            sharedProperties(properties, "models:/ticket-tfidf-never-loaded@champion", Files.createTempDirectory("tfidf-empty"));
        }

        @Autowired
        TestRestTemplate http;
        @LocalManagementPort
        int managementPort;

        /** Actuator paths are served on the management port only. */
        String actuator(String path) {
            return "http://127.0.0.1:" + managementPort + path;
        }

        @Test
        void readinessStaysDownWithAClearMessageAndPredictionsAre503() throws Exception {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    http.getForObject(actuator("/actuator/health"), String.class).contains("no copy of models:/ticket-tfidf-never-loaded@champion"));
            assertThat(http.getForEntity(actuator("/actuator/health/readiness"), String.class).getStatusCode())
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(http.getForEntity(actuator("/actuator/health/liveness"), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
            ResponseEntity<String> answer = http.postForEntity("/predict", jsonRequest("{\"text\":\"printer\"}"), String.class);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(answer.getBody()).contains("MLflow unreachable");
        }
    }

    static org.springframework.http.HttpEntity<String> jsonRequest(String body) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        return new org.springframework.http.HttpEntity<>(body, headers);
    }
}

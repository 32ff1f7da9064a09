package ai.callcenter.tfidf.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.ml.training.TrainingContext;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service started with MODEL_URI=models:/NAME@champion against the real MLflow server: it serves
 * the champion, follows the alias under load without a failed request, and keeps serving when the
 * alias moves to a version that cannot be loaded.
 */
@SpringBootTest(classes = TfidfApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TfidfServiceRegistryTest {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int CLIENTS = 4;
    private static TestRegistry registry;
    private static String name;
    private static String firstVersion;
    private static String firstModelVersion;
    private static String secondVersion;
    private static String secondModelVersion;

    /** The tiny tickets, with "hr" renamed "people" in the second model so that the switch shows in its answers. */
    private static TfidfModel train(String dataHash, boolean renameHr) {
        List<LabeledText> tickets = TestModels.tinyTickets().stream()
                .map(t -> renameHr && t.label().equals("hr") ? new LabeledText(t.text(), "people") : t).toList();
        return new TfidfTrainer(TestModels.quickTraining()).train(tickets, new TrainingContext(42, dataHash, Progress.silent()));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) throws Exception {
        URI mlflow = MlflowServer.uri();
        registry = new TestRegistry(mlflow);
        name = TestRegistry.uniqueName("ticket-tfidf-test");
        Path work = Files.createTempDirectory("tfidf-registry");
        TfidfModel first = train("a".repeat(64), false);
        TfidfModelStore.save(first, work.resolve("first"));
        firstModelVersion = first.version();
        TfidfModel second = train("b".repeat(64), true);
        TfidfModelStore.save(second, work.resolve("second"));
        secondModelVersion = second.version();
        firstVersion = registry.register(name, work.resolve("first"));
        secondVersion = registry.register(name, work.resolve("second"));
        registry.setAlias(name, "champion", firstVersion);

        properties.add("callcenter.model-source.uri", () -> "models:/" + name + "@champion");
        properties.add("callcenter.model-source.tracking-uri", mlflow::toString);
        properties.add("callcenter.model-source.cache-dir", () -> work.resolve("cache").toString());
        properties.add("callcenter.model-source.poll-interval", POLL::toString);
        properties.add("callcenter.tfidf.model.dir", () -> work.resolve("no-local-model").toString());
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** The API port, or the management port for /actuator/** (the API port answers 404 there). */
    private HttpResponse<String> get(String path) throws Exception {
        int target = path.startsWith("/actuator/") ? managementPort : port;
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> predict(String text) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode model() throws Exception {
        return json.readTree(get("/model").body());
    }

    @Test
    @Order(1)
    void servesTheChampionAndSaysWhichVersionItIs() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        JsonNode model = model();
        assertThat(model.get("version").asText()).isEqualTo(firstModelVersion);
        assertThat(model.get("labels")).hasSize(3);
        assertThat(model.get("registry").get("model_uri").asText()).isEqualTo("models:/" + name + "@champion");
        assertThat(model.get("registry").get("registered_version").asText()).isEqualTo(firstVersion);
        assertThat(model.get("registry").get("origin").asText()).isEqualTo("registry");

        JsonNode answer = json.readTree(predict("question about my payslip 7").body());
        assertThat(answer.get("category").asText()).isEqualTo("hr");
        assertThat(answer.get("model_version").asText()).isEqualTo(firstModelVersion);
        assertThat(get("/actuator/prometheus").body().lines().filter(line -> line.startsWith("callcenter_model_info{")))
                .singleElement().satisfies(line -> assertThat(line).contains("model=\"tfidf\"",
                        "registered_version=\"" + firstVersion + "\"", "version=\"" + firstModelVersion + "\"").endsWith(" 1"));
    }

    @Test
    @Order(2)
    void movingTheAliasUnderLoadSwitchesWithoutAFailedRequest() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        CountDownLatch started = new CountDownLatch(CLIENTS);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                started.countDown();
                for (int i = 0; running.get(); i++) {
                    try {
                        // a new text each time: every request reaches the model instead of the cache
                        HttpResponse<String> response = predict("question about my payslip " + client + "-" + i);
                        if (response.statusCode() != 200) {
                            synchronized (failures) {
                                failures.add(response.statusCode() + " " + response.body());
                            }
                        } else {
                            versionsSeen.add(json.readTree(response.body()).get("model_version").asText());
                            answered.incrementAndGet();
                        }
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e.toString());
                        }
                    }
                }
            });
            thread.start();
            clients.add(thread);
        }
        started.await();
        Thread.sleep(500);
        int beforeSwitch = answered.get();
        registry.setAlias(name, "champion", secondVersion);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> model().get("version").asText().equals(secondModelVersion));
        int atSwitch = answered.get();
        Thread.sleep(500);
        running.set(false);
        for (Thread thread : clients) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        assertThat(beforeSwitch).isPositive();
        assertThat(answered.get()).isGreaterThan(atSwitch);
        assertThat(versionsSeen).containsExactlyInAnyOrder(firstModelVersion, secondModelVersion);
        assertThat(json.readTree(predict("question about my payslip 7").body()).get("category").asText()).isEqualTo("people");
        assertThat(model().get("registry").get("registered_version").asText()).isEqualTo(secondVersion);
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("registered_version=\"" + secondVersion + "\"")
                .doesNotContain("registered_version=\"" + firstVersion + "\"");
    }

    @Test
    @Order(3)
    void aVersionThatCannotBeLoadedIsNotServedAndIsCounted() throws Exception {
        Path broken = Files.createTempDirectory("broken-model");
        Files.writeString(broken.resolve("metadata.json"), "{\"model_type\": \"tfidf\", \"version\": ");
        String brokenVersion = registry.register(name, broken);
        registry.setAlias(name, "champion", brokenVersion);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> failuresCounted() >= 1);
        Thread.sleep(POLL.multipliedBy(3).toMillis());
        assertThat(failuresCounted()).as("a broken version is tried once, not on every poll").isEqualTo(1);
        assertThat(model().get("version").asText()).isEqualTo(secondModelVersion);
        assertThat(predict("question about my payslip 8").statusCode()).isEqualTo(200);
        JsonNode health = json.readTree(get("/actuator/health").body()).get("components").get("model");
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("details").get("problem").asText()).contains("version " + brokenVersion, "failed to load");

        registry.setAlias(name, "champion", firstVersion);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> model().get("version").asText().equals(firstModelVersion));
    }

    private double failuresCounted() throws Exception {
        return get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("callcenter_model_load_failures_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

}

package ai.callcenter.agent.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.LocalClients;
import ai.callcenter.agent.TestPiiModels;
import ai.callcenter.mlflow.MlflowRest;
import ai.callcenter.mlflow.MlflowRuns;
import ai.callcenter.mlflow.MlflowRuns.LoggedRun;
import ai.callcenter.mlflow.testing.LoggedText;
import ai.callcenter.testing.FakeClassifierServer;
import ai.callcenter.testing.MlflowProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The agent's prediction statistics against a real MLflow server that the test kills and restarts:
 * windows reach the instance's run without text, personal data or ticket ids; with MLflow dead the
 * predictions go on and dropped windows are counted; once it is back, logging resumes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "callcenter.language.languages=ENGLISH,GERMAN",
        "callcenter.llm.enabled=false",
        "callcenter.statistics.window=300ms",
        "callcenter.statistics.queue-capacity=3",
        "callcenter.statistics.retry-interval=200ms",
        "callcenter.statistics.request-timeout=2s"})
@AutoConfigureObservability
class PredictionStatisticsTest {

    static final FakeClassifierServer TFIDF;
    static final FakeClassifierServer TRANSFORMER;
    static final MlflowProcess MLFLOW;
    static final String EXPERIMENT = "statistics-test-" + UUID.randomUUID();
    /** Seeded into the tickets; none may reach MLflow. */
    static final List<String> SECRETS = List.of("jane.whitfield@example.com", "+44 20 7946 0958", "Whitfield", "SECRET-TICKET-");

    static {
        try {
            TFIDF = new FakeClassifierServer("tfidf-v1", 0.95, 0.5, 0);
            TRANSFORMER = new FakeClassifierServer("transformer-v1", 0.9, 0.9, 0);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        MLFLOW = MlflowProcess.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) {
        properties.add("callcenter.downstream.tfidf.url", TFIDF::url);
        properties.add("callcenter.downstream.transformer.url", TRANSFORMER::url);
        properties.add("callcenter.pii.name-model-dir", () -> TestPiiModels.directory().toString());
        properties.add("callcenter.statistics.tracking-uri", () -> MLFLOW.uri().toString());
        properties.add("callcenter.statistics.experiment", () -> EXPERIMENT);
    }

    @AfterAll
    static void stop() {
        TFIDF.close();
        TRANSFORMER.close();
        MLFLOW.close();
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

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

    static Map<String, String> ticket(int i) {
        String text = List.of("my card clearly never arrived, email jane.whitfield@example.com",
                "something about a refund, call me on +44 20 7946 0958", "my name is Jane Whitfield and my transfer failed").get(i % 3);
        return Map.of("text", text + " " + i, "ticket_id", "SECRET-TICKET-" + i);
    }

    ResponseEntity<String> predict(int i) {
        return http().post().uri("/predict").contentType(MediaType.APPLICATION_JSON).body(ticket(i)).retrieve().toEntity(String.class);
    }

    double meter(String name) {
        return management().get().uri("/actuator/prometheus").retrieve().body(String.class).lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Sum of a metric over all steps of the instance's run, 0 before the run exists. */
    double logged(MlflowRuns runs, String key) {
        List<LoggedRun> found = runs.ofExperiment(EXPERIMENT);
        if (found.isEmpty()) {
            return 0;
        }
        JsonNode history = new MlflowRest(MLFLOW.uri(), Duration.ofSeconds(10)).get("/api/2.0/mlflow/metrics/get-history",
                Map.of("run_id", found.get(0).runId(), "metric_key", key));
        double sum = 0;
        for (JsonNode point : history.path("metrics")) {
            sum += point.path("value").asDouble();
        }
        return sum;
    }

    @Test
    void windowsReachTheRunWithoutPersonalDataAndSurviveAnMlflowOutage(@TempDir Path scratch) throws Exception {
        MlflowRuns runs = new MlflowRuns(new MlflowRest(MLFLOW.uri(), Duration.ofSeconds(10)));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                management().get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode().is2xxSuccessful());
        // one batch: its answers fall into one or two windows, well within the queue of three
        List<Map<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(ticket(i));
        }
        assertThat(http().post().uri("/predict/batch").contentType(MediaType.APPLICATION_JSON).body(Map.of("items", batch))
                .retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
        http().post().uri("/feedback").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ticket_id", "SECRET-TICKET-0", "category", "card")).retrieve().toBodilessEntity();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> logged(runs, "answers") == 30 && logged(runs, "feedback") == 1);
        assertThat(meter("agent_statistics_windows_dropped_total")).isZero();

        List<LoggedRun> instanceRuns = runs.ofExperiment(EXPERIMENT);
        assertThat(instanceRuns).hasSize(1);
        LoggedRun run = instanceRuns.get(0);
        assertThat(run.metrics()).containsKeys("latency_p50_seconds", "latency_p95_seconds", "latency_p99_seconds", "fallback_rate",
                "review_rate", "confidence_bin.0.9", "route.first", "language.en", "model.tfidf");
        assertThat(logged(runs, "category.card") + logged(runs, "category.refund") + logged(runs, "category.transfer")).isEqualTo(30);
        assertThat(logged(runs, "feedback_accuracy")).isEqualTo(1.0);
        String everything = LoggedText.of(MLFLOW.uri(), run.runId(), scratch);
        SECRETS.forEach(secret -> assertThat(everything).as("MLflow holds " + secret).doesNotContain(secret));

        double loggedBeforeOutage = meter("agent_statistics_windows_logged_total");
        MLFLOW.kill();
        AtomicBoolean failed = new AtomicBoolean();
        List<Integer> statuses = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        for (int i = 100; System.nanoTime() < until; i++) {
            int status = predict(i).getStatusCode().value();
            statuses.add(status);
            failed.compareAndSet(false, status != 200);
        }
        assertThat(failed).as("statuses " + statuses).isFalse();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> meter("agent_statistics_windows_dropped_total") > 0);
        assertThat(meter("agent_statistics_mlflow_failures_total")).isPositive();

        MLFLOW.restart();
        for (int i = 1000; i < 1010; i++) {
            assertThat(predict(i).getStatusCode().value()).isEqualTo(200);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> meter("agent_statistics_windows_logged_total") > loggedBeforeOutage + 1);
        assertThat(runs.ofExperiment(EXPERIMENT)).as("the instance keeps its one run").hasSize(1);
    }
}

package ai.callcenter.agent.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.api.AgentResponse;
import ai.callcenter.mlflow.MlflowRest;
import ai.callcenter.mlflow.MlflowRuns;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Windows close every few milliseconds while four threads add answers: every answer must arrive in MLflow with its
 * category, none split from it by a window closing in between. The MLflow side is a small HTTP double that sums what
 * log-batch receives (the real server is covered by PredictionStatisticsTest).
 */
class StatisticsShipperConcurrencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 4;
    private static final int ANSWERS_PER_THREAD = 20_000;

    private final Map<String, Double> logged = new ConcurrentHashMap<>();
    private HttpServer mlflow;

    @BeforeEach
    void startMlflowDouble() throws IOException {
        mlflow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mlflow.createContext("/api/2.0/mlflow/", this::answer);
        mlflow.start();
    }

    @AfterEach
    void stop() {
        mlflow.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String reply = "{}";
        if (path.endsWith("/experiments/get-by-name")) {
            reply = "{\"experiment\":{\"experiment_id\":\"1\"}}";
        } else if (path.endsWith("/runs/create")) {
            reply = "{\"run\":{\"info\":{\"run_id\":\"r1\"}}}";
        } else if (path.endsWith("/runs/log-batch")) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            for (JsonNode metric : body.path("metrics")) {
                logged.merge(metric.path("key").asText(), metric.path("value").asDouble(), Double::sum);
            }
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void noAnswerLosesItsCategoryWhenAWindowCloses() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + mlflow.getAddress().getPort());
        StatisticsProperties properties = new StatisticsProperties(uri, "concurrency", Duration.ofMillis(2), 100_000,
                Duration.ofMillis(10), Duration.ofSeconds(10));
        StatisticsShipper shipper = new StatisticsShipper(properties, new MlflowRuns(new MlflowRest(uri, Duration.ofSeconds(5))),
                Clock.systemUTC(), Map.of("instance", "test"), new SimpleMeterRegistry());
        AgentResponse answer = new AgentResponse(null, "card", 0.9, "tfidf", 0, "en", List.of(), "test", false, false, null,
                false, false, List.of());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < ANSWERS_PER_THREAD; i++) {
                    shipper.answered(answer, "first", 0.001);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        shipper.destroy();

        double total = THREADS * (double) ANSWERS_PER_THREAD;
        assertThat(logged.get("answers")).isEqualTo(total);
        assertThat(logged.get("category.card")).isEqualTo(total);
        assertThat(logged.get("model.tfidf")).isEqualTo(total);
    }
}

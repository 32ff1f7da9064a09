package ai.callcenter.agent.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.callcenter.api.ClassifierResponse;
import ai.callcenter.api.PredictRequest;
import ai.callcenter.testing.FakeClassifierServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The client against a real local HTTP server: answers, retries, timeouts, refused connections, circuit breaking. */
class ClassifierClientTest {

    static final Duration READ_TIMEOUT = Duration.ofMillis(200);
    static final int MAX_ATTEMPTS = 2;
    static final int MINIMUM_CALLS = 4;

    FakeClassifierServer server;

    static ClassifierClient client(String url) {
        return new ClassifierClient(new DownstreamProperties.Service("tfidf", URI.create(url), true, Duration.ofMillis(200),
                READ_TIMEOUT, Duration.ofSeconds(2), MAX_ATTEMPTS, Duration.ofMillis(5), 50, 10, MINIMUM_CALLS,
                Duration.ofSeconds(30)), Duration.ofMinutes(1), RestClient.builder());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsAnswersBatchesAndModelInfo() throws IOException {
        server = new FakeClassifierServer("v7", 0.9, 0.4, 0);
        ClassifierClient c = client(server.url());
        ClassifierResponse p = c.predict("where is my card", "t1");
        assertThat(p.category()).isEqualTo("card");
        assertThat(p.confidence()).isEqualTo(0.4);
        assertThat(p.topK()).hasSize(FakeClassifierServer.LABELS.size());
        assertThat(p.oovRate()).isNull();
        List<ClassifierResponse> batch = c.predictBatch(List.of(new PredictRequest("a refund", null),
                new PredictRequest("clearly a transfer", null)));
        assertThat(batch).extracting(ClassifierResponse::category).containsExactly("refund", "transfer");
        assertThat(c.modelInfo().orElseThrow().labels()).containsExactlyElementsOf(FakeClassifierServer.LABELS);
        assertThat(c.modelInfo().orElseThrow().version()).isEqualTo("v7");
    }

    @Test
    void serverErrorsAreRetriedThenReported() throws IOException {
        server = new FakeClassifierServer("v1", 0.9, 0.4, 0);
        server.mode(FakeClassifierServer.Mode.ERROR);
        ClassifierClient c = client(server.url());
        assertThatThrownBy(() -> c.predict("card", null)).isInstanceOf(DownstreamException.class);
        assertThat(server.hits()).isEqualTo(MAX_ATTEMPTS);
    }

    @Test
    void slowServiceTimesOut() throws IOException {
        server = new FakeClassifierServer("v1", 0.9, 0.4, 3000);
        server.mode(FakeClassifierServer.Mode.SLOW);
        ClassifierClient c = client(server.url());
        long started = System.nanoTime();
        assertThatThrownBy(() -> c.predict("card", null)).isInstanceOf(DownstreamException.class);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(seconds).isLessThan(MAX_ATTEMPTS * READ_TIMEOUT.toMillis() / 1000.0 + 0.5);
    }

    @Test
    void refusedConnectionFailsFastAndOpensTheCircuit() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ClassifierClient c = client("http://127.0.0.1:" + closedPort);
        for (int i = 0; i < MINIMUM_CALLS; i++) {
            assertThatThrownBy(() -> c.predict("card", null)).isInstanceOf(DownstreamException.class);
        }
        assertThat(c.circuitBreaker().getState().name()).isEqualTo("OPEN");
        assertThatThrownBy(() -> c.predict("card", null)).hasMessageContaining("circuit open");
        assertThat(c.modelInfo()).isEmpty();
    }
}

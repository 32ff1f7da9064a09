package ai.callcenter.agent.arbitration;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.api.ScoredCategory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LLM arbitration against a real local server speaking the OpenAI chat-completions protocol. */
class ChatLlmArbiterTest {

    // generous: the first call pays client start-up, and test machines are shared
    static final Duration TIMEOUT = Duration.ofMillis(1500);
    static final List<ScoredCategory> CANDIDATES = List.of(new ScoredCategory("refund", 0.41), new ScoredCategory("card", 0.39),
            new ScoredCategory("transfer", 0.1));

    HttpServer server;
    volatile int status = 200;
    volatile String content = "refund";
    volatile long delayMillis = 0;
    final AtomicInteger hits = new AtomicInteger();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void complete(HttpExchange exchange) throws IOException {
        hits.incrementAndGet();
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String body = status == 200 ? new ObjectMapper().writeValueAsString(Map.of(
                "id", "chatcmpl-1", "object", "chat.completion", "created", 1, "model", "llama-3.1-8b-instant",
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 10, "completion_tokens", 1, "total_tokens", 11)))
                : "{\"error\":{\"message\":\"boom\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException clientGone) {
            // the client timed out first
        }
        exchange.close();
    }

    LlmProperties properties(int minimumCalls) {
        return new LlmProperties(true, "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "test-key",
                "llama-3.1-8b-instant", TIMEOUT, 0.1, 5, 20, 50, minimumCalls, minimumCalls, Duration.ofMinutes(1));
    }

    @Test
    void validAnswerPicksTheNamedCandidate() {
        content = " \"Refund.\" ";
        ChatLlmArbiter arbiter = new ChatLlmArbiter(properties(10), CircuitBreakerRegistry.ofDefaults());
        LlmArbiter.Verdict v = arbiter.choose("my money for <PERSON> did not come back", CANDIDATES);
        assertThat(v.chosen()).isTrue();
        assertThat(v.category()).isEqualTo("refund");
        assertThat(authorizations.get(0)).isEqualTo("Bearer test-key");
        assertThat(bodies.get(0)).contains("llama-3.1-8b-instant", "<PERSON>", "refund", "card", "transfer");
    }

    @Test
    void garbageAnswerKeepsTheCascadeAnswer() {
        content = "It is probably about a dispute, but I cannot say.";
        LlmArbiter.Verdict v = new ChatLlmArbiter(properties(10), CircuitBreakerRegistry.ofDefaults()).choose("help", CANDIDATES);
        assertThat(v.chosen()).isFalse();
        assertThat(v.outcome()).isEqualTo("garbage");
        content = "atm_support"; // a real-looking category that was not offered is garbage too
        assertThat(new ChatLlmArbiter(properties(10), CircuitBreakerRegistry.ofDefaults()).choose("help", CANDIDATES).outcome()).isEqualTo("garbage");
    }

    @Test
    void serverErrorFallsBack() {
        status = 500;
        LlmArbiter.Verdict v = new ChatLlmArbiter(properties(10), CircuitBreakerRegistry.ofDefaults()).choose("help", CANDIDATES);
        assertThat(v.chosen()).isFalse();
        assertThat(v.outcome()).isEqualTo("error");
        assertThat(hits.get()).as("no LLM-side retries").isEqualTo(1);
    }

    @Test
    void timeoutFallsBackWithinTheLimit() {
        delayMillis = 6000;
        long started = System.nanoTime();
        LlmArbiter.Verdict v = new ChatLlmArbiter(properties(10), CircuitBreakerRegistry.ofDefaults()).choose("help", CANDIDATES);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(v.outcome()).isEqualTo("error");
        assertThat(seconds).isLessThan(TIMEOUT.toMillis() / 1000.0 + 1.0);
    }

    @Test
    void repeatedFailuresOpenTheCircuit() {
        status = 500;
        ChatLlmArbiter arbiter = new ChatLlmArbiter(properties(3), CircuitBreakerRegistry.ofDefaults());
        for (int i = 0; i < 3; i++) {
            arbiter.choose("help", CANDIDATES);
        }
        int before = hits.get();
        assertThat(arbiter.choose("help", CANDIDATES).outcome()).isEqualTo("circuit_open");
        assertThat(hits.get()).isEqualTo(before);
    }

    @Test
    void onlyCloseCallsAreAmbiguous() {
        ChatLlmArbiter arbiter = new ChatLlmArbiter(properties(10), CircuitBreakerRegistry.ofDefaults());
        assertThat(arbiter.ambiguous(CANDIDATES)).isTrue();
        assertThat(arbiter.ambiguous(List.of(new ScoredCategory("a", 0.8), new ScoredCategory("b", 0.1)))).isFalse();
    }
}

package ai.callcenter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server impersonating a classifier service (same contract as tfidf/transformer):
 * the category is the first label named in the text, else "other"; confidence is {@code sure}
 * when the text contains "clearly", else {@code unsure}; a text naming "wifi" is out of scope
 * ({@code out_of_scope} true, {@code oos_score} {@value #OUT_OF_SCOPE_SCORE}, else {@value #IN_SCOPE_SCORE}). It can be switched to answer 500, to
 * answer slowly, or be stopped, and it records every text and trace header it received.
 */
public final class FakeClassifierServer implements AutoCloseable {

    public enum Mode { OK, ERROR, SLOW }

    public static final List<String> LABELS = List.of("card", "transfer", "refund", "other");
    public static final String OUT_OF_SCOPE_WORD = "wifi";
    public static final double OUT_OF_SCOPE_SCORE = 3.5;
    public static final double IN_SCOPE_SCORE = -0.5;
    /** A text with this word reports every word unknown ({@code oov_rate} 1.0, as tfidf would); others report no rate. */
    public static final String UNKNOWN_WORD = "zyxwv";

    private final ObjectMapper json = new ObjectMapper();
    private final String version;
    private final double sure;
    private final double unsure;
    private final long slowMillis;
    private volatile String blindWord;
    private volatile boolean scopeBlind;
    private final HttpServer server;
    private final AtomicInteger predictions = new AtomicInteger();
    private final AtomicInteger hits = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> traceParents = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.OK;

    public FakeClassifierServer(String version, double sure, double unsure, long slowMillis) throws IOException {
        this.version = version;
        this.sure = sure;
        this.unsure = unsure;
        this.slowMillis = slowMillis;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/predict", this::predict);
        server.createContext("/model", this::model);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Texts containing this word are answered "other" (a model that fails on some kind of ticket). */
    public void blindTo(String word) {
        this.blindWord = word;
    }

    /** true: never flags a ticket out of scope, as a detector that trusts a confident wrong answer. */
    public void scopeBlind(boolean blind) {
        this.scopeBlind = blind;
    }

    public void mode(Mode newMode) {
        this.mode = newMode;
    }

    /** Tickets classified so far (a batch counts each item). */
    public int predictions() {
        return predictions.get();
    }

    /** HTTP requests received, whatever the mode. */
    public int hits() {
        return hits.get();
    }

    public List<String> receivedTexts() {
        return List.copyOf(received);
    }

    /** The W3C {@code traceparent} header of every request received (those without one are not listed). */
    public List<String> receivedTraceParents() {
        return List.copyOf(traceParents);
    }

    public void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }

    private boolean misbehave(HttpExchange exchange) throws IOException {
        hits.incrementAndGet();
        String traceParent = exchange.getRequestHeaders().getFirst("traceparent");
        if (traceParent != null) {
            traceParents.add(traceParent);
        }
        if (mode == Mode.SLOW) {
            try {
                Thread.sleep(slowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mode == Mode.ERROR) {
            send(exchange, 500, "{\"title\":\"Internal error\"}");
            return true;
        }
        return false;
    }

    private void predict(HttpExchange exchange) throws IOException {
        if (misbehave(exchange)) {
            return;
        }
        JsonNode body = json.readTree(exchange.getRequestBody());
        if (exchange.getRequestURI().getPath().endsWith("/batch")) {
            ObjectNode out = json.createObjectNode();
            ArrayNode items = out.putArray("items");
            for (JsonNode item : body.get("items")) {
                items.add(answer(item));
            }
            out.put("model_version", version);
            out.put("processing_time", 0.001);
            send(exchange, 200, json.writeValueAsString(out));
        } else {
            send(exchange, 200, json.writeValueAsString(answer(body)));
        }
    }

    private ObjectNode answer(JsonNode request) {
        predictions.incrementAndGet();
        String text = request.get("text").asText();
        received.add(text);
        String lower = text.toLowerCase(Locale.ROOT);
        String blind = blindWord;
        String category = blind != null && text.contains(blind) ? "other"
                : LABELS.stream().filter(lower::contains).findFirst().orElse("other");
        double confidence = lower.contains("clearly") ? sure : unsure;
        ObjectNode out = json.createObjectNode();
        if (request.hasNonNull("ticket_id")) {
            out.put("ticket_id", request.get("ticket_id").asText());
        }
        out.put("category", category);
        out.put("confidence", confidence);
        ArrayNode topK = out.putArray("top_k");
        topK.addObject().put("category", category).put("score", confidence);
        double rest = (1 - confidence) / (LABELS.size() - 1);
        LABELS.stream().filter(l -> !l.equals(category)).forEach(l -> topK.addObject().put("category", l).put("score", rest));
        out.put("model_version", version);
        out.put("processing_time", 0.001);
        boolean outOfScope = lower.contains(OUT_OF_SCOPE_WORD) && !scopeBlind;
        if (lower.contains(UNKNOWN_WORD)) {
            out.put("oov_rate", 1.0);
        }
        out.put("out_of_scope", outOfScope);
        out.put("oos_score", outOfScope ? OUT_OF_SCOPE_SCORE : IN_SCOPE_SCORE);
        return out;
    }

    private void model(HttpExchange exchange) throws IOException {
        if (misbehave(exchange)) {
            return;
        }
        ObjectNode out = json.createObjectNode();
        out.put("model_type", "fake");
        out.put("version", version);
        LABELS.forEach(out.putArray("labels")::add);
        send(exchange, 200, json.writeValueAsString(out));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

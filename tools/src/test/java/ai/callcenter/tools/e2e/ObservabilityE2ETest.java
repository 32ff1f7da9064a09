package ai.callcenter.tools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.testing.MlflowServer;
import ai.callcenter.testing.PrometheusServer;
import ai.callcenter.testing.RedisServer;
import ai.callcenter.testing.SharedData;
import ai.callcenter.tools.CommandRun;
import ai.callcenter.tools.TestPiiModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.yaml.snakeyaml.Yaml;

/**
 * The monitoring proven against a real Prometheus: the three service jars, Redis, a chat-completions double for the
 * LLM and the MLflow server run as processes; Prometheus scrapes them with the project's rule files. Traffic covers
 * every label the dashboards use (languages, personal data, feedback, bad input, cache hits, LLM arbitration, a
 * stopped transformer). Then every dashboard query, every recording rule and every signal of every alert is
 * evaluated through Prometheus's HTTP API and must return data; the fallback alert goes pending while the
 * transformer is stopped and clears after it is back; the absent-service alert fires when tfidf is killed.
 * Every expression and what it returned is written to {@code target/observability-report.md}.
 */
class ObservabilityE2ETest {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final Path RULES = REPOSITORY.resolve("infrastructure/monitoring/prometheus/rules");
    static final Path DASHBOARDS = REPOSITORY.resolve("infrastructure/monitoring/grafana/dashboards");
    static final Path REPORT = Path.of("target", "observability-report.md");
    /** The namespace label a Kubernetes Prometheus adds; here a static label, so the dashboards' variables match. */
    static final String NAMESPACE = "callcenter-ci";
    /**
     * Evaluate every second and scrape every two (a scrape of the agent's histograms can take over a second on a
     * busy 2-core machine), so the proof takes minutes, not the hours of production intervals.
     */
    static final String EVALUATION_INTERVAL = "1s";
    static final String SCRAPE_INTERVAL = "2s";
    /** Grafana's interval variables, as Grafana would resolve them at this scrape interval. */
    static final Map<String, String> GRAFANA_INTERVALS = Map.of("__rate_interval", "1m", "__interval", "15s", "__range", "5m");
    /** Tickets pass the cascade's first model only when it is at least this sure: most reach the transformer. */
    static final double CASCADE_THRESHOLD = 0.95;

    static final List<AutoCloseable> STARTED = new ArrayList<>();
    static final ObjectMapper JSON = new ObjectMapper();
    static Path dir;
    static List<String[]> tickets;
    static ServiceProcess tfidf;
    static ServiceProcess transformer;
    static ServiceProcess agent;
    static ChatCompletions llm;
    static PrometheusServer prometheus;
    static RestClient http;
    static final AtomicInteger UNIQUE = new AtomicInteger();

    @BeforeAll
    static void startEverything() throws IOException, InterruptedException {
        Path tfidfJar = ServiceProcess.jar("tfidf-service");
        Path transformerJar = ServiceProcess.jar("transformer-service");
        Path agentJar = ServiceProcess.jar("agent-service");
        URI mlflow = MlflowServer.uri();
        dir = Files.createTempDirectory("callcenter-observability");
        tickets = Banking77Split.write(SharedData.file("banking77/train.csv"), dir);
        try {
            train("tfidf", Map.of());
            train("transformer", Map.of("callcenter.transformer.head.candidates", "lr:0.3",
                    "callcenter.transformer.head.embedding-cache-dir", dir.resolve("embeddings").toString()));
            RedisServer redis = started(RedisServer.start());
            Map<String, String> cache = Map.of("SPRING_DATA_REDIS_HOST", "127.0.0.1", "SPRING_DATA_REDIS_PORT",
                    Integer.toString(redis.port()));
            tfidf = started(ServiceProcess.serve(tfidfJar, dir.resolve("tfidf.log"),
                    with(cache, "MODEL_DIR", dir.resolve("tfidf").toString()), "-Xmx512m"));
            transformer = started(ServiceProcess.serve(transformerJar, dir.resolve("transformer.log"),
                    with(cache, "MODEL_DIR", dir.resolve("transformer").toString()), "-Xmx768m"));
            llm = started(new ChatCompletions(tickets.stream().map(t -> t[1]).distinct().toList()));

            Map<String, String> agentEnv = new LinkedHashMap<>(cache);
            agentEnv.put("TFIDF_URL", tfidf.url());
            agentEnv.put("TRANSFORMER_URL", transformer.url());
            agentEnv.put("ROUTER_CONFIG", routing().toString());
            agentEnv.put("LLM_ROUTING", "true");
            agentEnv.put("GROQ_BASE_URL", llm.baseUrl());
            agentEnv.put("GROQ_API_KEY", "test-key");
            agentEnv.put("MLFLOW_TRACKING_URI", mlflow.toString());
            agentEnv.put("STATISTICS_WINDOW", "1s");
            agentEnv.put("CALLCENTER_STATISTICS_EXPERIMENT", "observability-" + UUID.randomUUID());
            agentEnv.put("CALLCENTER_PII_NAME_MODEL_DIR", TestPiiModels.directory().toString());
            agentEnv.put("CALLCENTER_LANGUAGE_LANGUAGES", "ENGLISH,GERMAN");
            agent = started(ServiceProcess.serve(agentJar, dir.resolve("agent.log"), agentEnv, "-Xmx1g"));
            http = RestClient.builder().baseUrl(agent.url()).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();

            prometheus = started(PrometheusServer.start(prometheusConfig(), Files.createDirectories(dir.resolve("prometheus"))));
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            stopAll(); // a failed set-up must not leave the child processes running
            throw e;
        }
    }

    @AfterAll
    static void stopAll() {
        for (int i = STARTED.size() - 1; i >= 0; i--) {
            try {
                STARTED.get(i).close();
            } catch (Exception ignored) {
                // best effort: ports and the temp dir are released when the JVM exits anyway
            }
        }
        STARTED.clear();
    }

    @Test
    void everyPanelAndRuleHasDataAndTheAlertsFollowOutages() throws IOException, InterruptedException {
        awaitScraped();
        awaitAlert("Watchdog firing", Duration.ofSeconds(30), () -> "firing".equals(alertState("Watchdog")));
        warmUp();
        everyKindOfTraffic();

        // transformer stopped: the agent falls back to tfidf alone and the fallback alert goes pending
        String fallbackAlert = "CallcenterAgentFallbacksHigh";
        transformer.pause();
        awaitAlert("pending after the transformer stopped", Duration.ofMinutes(3), () -> {
            // a few at a time: each waits for the agent's read timeout until the breaker opens
            List.of(1, 2, 3, 4).parallelStream().forEach(n -> predict(uniqueTicket(), null));
            return alertState(fallbackAlert) != null;
        }, "agent_fallbacks_total", "job:agent_fallbacks:ratio5m", "job:agent_requests:rate5m");
        // back: enough answers with the transformer to bring the fallback share under the bar again
        transformer.resume();
        awaitAlert("cleared after the transformer came back", Duration.ofMinutes(4), () -> {
            for (int i = 0; i < 20; i++) {
                predict(uniqueTicket(), null);
            }
            return alertState(fallbackAlert) == null;
        }, "job:agent_fallbacks:ratio5m", "job:agent_requests:rate5m");

        List<Evaluated> evaluated = new ArrayList<>();
        for (Expression e : expressions()) {
            evaluated.add(evaluate(e));
        }
        writeReport(evaluated);
        assertThat(evaluated.stream().filter(e -> !e.hasData()).map(e -> e.expression().source() + " " + e.expression().name()
                + ": " + e.expression().promql() + " -> " + e.summary()))
                .as("expressions without data (all of them: %s)", REPORT.toAbsolutePath()).isEmpty();

        // tfidf gone: the service-absent alert fires, not just goes pending
        String absentAlert = "CallcenterServiceAbsent";
        Map<String, Object> absentRule = rule(r -> absentAlert.equals(r.get("alert")));
        Duration wait = duration(String.valueOf(absentRule.getOrDefault("for", "0s"))).plusMinutes(1);
        tfidf.close();
        awaitAlert(absentAlert + " firing after tfidf was killed", wait, () -> "firing".equals(alertState(absentAlert)),
                "up{job=\"tfidf\"}");
    }

    /** Single and batch answers in two languages, personal data, feedback right and wrong, bad input, cache hits. */
    private static void everyKindOfTraffic() {
        List<String> categories = tickets.stream().map(t -> t[1]).distinct().toList();
        for (int i = 0; i < tickets.size(); i++) {
            JsonNode answer = predict(tickets.get(i)[0], "obs-" + i);
            assertThat(answer.has("category")).as(answer.toString()).isTrue();
            // feedback on two tickets in three: most say the answer was right, some correct it
            if (i % 3 != 2) {
                String truth = i % 3 == 0 ? answer.get("category").asText() : categories.get((i + 1) % categories.size());
                var feedback = http.post().uri("/feedback").contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("ticket_id", "obs-" + i, "category", truth)).retrieve().toBodilessEntity();
                assertThat(feedback.getStatusCode().is2xxSuccessful()).isTrue();
            }
        }
        predict(tickets.get(0)[0], null); // an answer from the cache
        for (String german : List.of("Meine Karte ist noch nicht angekommen, wann wird sie geliefert?",
                "Ich habe Geld überwiesen, aber es ist nicht auf dem Konto meines Bruders angekommen.",
                "Warum wurde meine Kartenzahlung im Geschäft abgelehnt?")) {
            assertThat(predict(german, null).get("language").asText()).isEqualTo("de");
        }
        for (String pii : List.of("My name is Jane Roe and my card never arrived, call me on +44 20 7946 0958",
                "Please email jane.roe@example.com about the transfer to DE89 3704 0044 0532 0130 00",
                "I live at 221B Baker Street, London NW1 6XE and my card 4111 1111 1111 1111 was declined")) {
            assertThat(predict(pii, null).get("pii_types").size()).isPositive();
        }
        List<Map<String, String>> batch = tickets.stream().limit(20).map(t -> Map.of("text", t[0] + " please")).toList();
        assertThat(http.post().uri("/predict/batch").contentType(MediaType.APPLICATION_JSON).body(Map.of("items", batch))
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        for (Object bad : List.of(Map.of("text", ""), Map.of("ticket_id", "no-text"), "{not json")) {
            var res = http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON).body(bad).retrieve().toBodilessEntity();
            assertThat(res.getStatusCode().value()).isEqualTo(400);
        }
        assertThat(llm.calls()).as("close calls reach the LLM").isPositive();
    }

    /**
     * The classifiers' first answers pay for class loading and JIT, longer than the agent's read timeouts on a busy
     * 2-core machine: a few direct calls first, so the agent's traffic measures the running system.
     */
    private static void warmUp() {
        for (ServiceProcess classifier : List.of(tfidf, transformer)) {
            RestClient direct = RestClient.create(classifier.url());
            for (int i = 0; i < 5; i++) {
                direct.post().uri("/predict").contentType(MediaType.APPLICATION_JSON).body(Map.of("text", tickets.get(i)[0] + " warm-up"))
                        .retrieve().toBodilessEntity();
            }
        }
    }

    private static JsonNode predict(String text, String ticketId) {
        Map<String, String> body = ticketId == null ? Map.of("text", text) : Map.of("text", text, "ticket_id", ticketId);
        var res = http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
        assertThat(res.getStatusCode().value()).as(res.getBody()).isEqualTo(200);
        try {
            return JSON.readTree(res.getBody());
        } catch (IOException e) {
            throw new AssertionError(res.getBody(), e);
        }
    }

    /** A held-out ticket made unique, so it misses the answer cache and really goes through the cascade. */
    private static String uniqueTicket() {
        int n = UNIQUE.getAndIncrement();
        return tickets.get(n % tickets.size())[0] + " (case " + n + ")";
    }

    // --- what is evaluated ------------------------------------------------------------------------------------

    record Expression(String source, String name, String promql) {
    }

    record Evaluated(Expression expression, int series, String summary) {
        boolean hasData() {
            return series > 0;
        }
    }

    /** Every recording rule, every signal of every alert, every dashboard panel query and variable. */
    private static List<Expression> expressions() throws IOException {
        List<Expression> all = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (Map<String, Object> rule : rules(file)) {
                String expr = String.valueOf(rule.get("expr"));
                if (rule.containsKey("record")) {
                    all.add(new Expression(file.getFileName().toString(), "record " + rule.get("record"), (String) rule.get("record")));
                } else {
                    List<String> signals = PromqlSignals.of(expr);
                    for (int i = 0; i < signals.size(); i++) {
                        all.add(new Expression(file.getFileName().toString(), "alert " + rule.get("alert") + " signal " + (i + 1),
                                signals.get(i)));
                    }
                }
            }
        }
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    String query = variable.path("query").isTextual() ? variable.path("query").asText()
                            : variable.path("query").path("query").asText();
                    Matcher labelValues = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)").matcher(query);
                    if ("query".equals(variable.path("type").asText()) && labelValues.matches()) {
                        all.add(new Expression(file.getFileName().toString(), "variable " + variable.path("name").asText(),
                                "count by (" + labelValues.group(2) + ") (" + grafana(labelValues.group(1)) + ")"));
                    }
                }
                panels(dashboard.path("panels"), file.getFileName().toString(), all);
            }
        }
        return all;
    }

    private static void panels(JsonNode panels, String source, List<Expression> into) {
        for (JsonNode panel : panels) {
            panels(panel.path("panels"), source, into);
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr") && !target.path("hide").asBoolean(false)) {
                    into.add(new Expression(source, "panel \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(),
                            grafana(target.get("expr").asText())));
                }
            }
        }
    }

    /** A panel query as Grafana sends it with "All" selected: $namespace and $service match everything. */
    static String grafana(String expr) {
        Matcher variable = Pattern.compile("\\$\\{(\\w+)(:\\w+)?}|\\$(\\w+)").matcher(expr);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1) != null ? variable.group(1) : variable.group(3);
            variable.appendReplacement(out, Matcher.quoteReplacement(GRAFANA_INTERVALS.getOrDefault(name, ".*")));
        }
        return variable.appendTail(out).toString();
    }

    private static Evaluated evaluate(Expression e) throws IOException, InterruptedException {
        JsonNode response;
        try {
            response = JSON.readTree(prometheus.query(e.promql()));
        } catch (IOException refused) {
            return new Evaluated(e, 0, "refused: " + refused.getMessage());
        }
        JsonNode data = response.path("data");
        List<String> values = new ArrayList<>();
        if ("scalar".equals(data.path("resultType").asText())) {
            values.add(data.path("result").get(1).asText());
        } else {
            for (JsonNode series : data.path("result")) {
                values.add(series.path("metric").toString() + " " + series.path("value").get(1).asText());
            }
        }
        // NaN only (0/0, a quantile of no observations) is no data either
        long real = values.stream().filter(v -> !v.endsWith("NaN")).count();
        String summary = values.isEmpty() ? "no data"
                : values.size() + " series, e.g. " + values.get(0) + (real == 0 ? " (NaN only)" : "");
        return new Evaluated(e, (int) real, summary);
    }

    private static void writeReport(List<Evaluated> evaluated) throws IOException {
        StringBuilder md = new StringBuilder("# Expressions evaluated against a real Prometheus\n\n")
                .append("| source | expression | PromQL | result |\n|---|---|---|---|\n");
        for (Evaluated e : evaluated) {
            md.append("| ").append(e.expression().source()).append(" | ").append(e.expression().name()).append(" | `")
                    .append(e.expression().promql().replace("|", "\\|").replace("\n", " ")).append("` | ")
                    .append(e.summary().replace("|", "\\|")).append(" |\n");
        }
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, md);
    }

    // --- Prometheus ---------------------------------------------------------------------------------------------

    private static Path prometheusConfig() throws IOException {
        StringBuilder yaml = new StringBuilder("global:\n  scrape_interval: " + SCRAPE_INTERVAL + "\n  scrape_timeout: "
                + SCRAPE_INTERVAL + "\n  evaluation_interval: " + EVALUATION_INTERVAL
                + "\n  external_labels:\n    environment: ci\nrule_files:\n");
        for (Path file : ruleFiles()) {
            yaml.append("  - ").append(file).append('\n');
        }
        yaml.append("scrape_configs:\n");
        for (Map.Entry<String, ServiceProcess> job : Map.of("agent", agent, "tfidf", tfidf, "transformer", transformer).entrySet()) {
            URI management = URI.create(job.getValue().managementUrl());
            yaml.append("  - job_name: ").append(job.getKey()).append("\n    metrics_path: /actuator/prometheus\n")
                    .append("    static_configs:\n      - targets: [\"").append(management.getHost()).append(':')
                    .append(management.getPort()).append("\"]\n        labels:\n          namespace: ").append(NAMESPACE).append('\n');
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, yaml);
        return config;
    }

    private static void awaitScraped() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode result = JSON.readTree(prometheus.query("up == 1")).path("data").path("result");
            return result.size() == 3;
        });
    }

    /** Waits for {@code condition}; on a timeout the failure shows the alerts and the series behind them. */
    private static void awaitAlert(String what, Duration atMost, java.util.concurrent.Callable<Boolean> condition, String... series)
            throws IOException, InterruptedException {
        try {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder state = new StringBuilder("not " + what + " within " + atMost + "\nalerts: " + prometheus.alerts()
                    + "\ntargets: " + prometheus.targets());
            for (String promql : series) {
                state.append('\n').append(promql).append(": ").append(prometheus.query(promql));
            }
            throw new AssertionError(state.toString(), e);
        }
    }

    /** "pending", "firing" or null (inactive) for the alert called {@code name}. */
    private static String alertState(String name) throws IOException, InterruptedException {
        for (JsonNode alert : JSON.readTree(prometheus.alerts()).path("data").path("alerts")) {
            if (name.equals(alert.path("labels").path("alertname").asText())) {
                return alert.path("state").asText();
            }
        }
        return null;
    }

    private static Map<String, Object> rule(java.util.function.Predicate<Map<String, Object>> matching) throws IOException {
        for (Path file : ruleFiles()) {
            for (Map<String, Object> r : rules(file)) {
                if (matching.test(r)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no rule in " + RULES + " matches");
    }

    private static List<Path> ruleFiles() throws IOException {
        try (Stream<Path> files = Files.list(RULES)) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(Path file) throws IOException {
        Map<String, Object> doc = new Yaml().load(Files.readString(file));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    private static Duration duration(String prometheusDuration) {
        Matcher m = Pattern.compile("(\\d+)([smhd])").matcher(prometheusDuration);
        Duration total = Duration.ZERO;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return total;
    }

    // --- set-up helpers ----------------------------------------------------------------------------------------

    private static void train(String model, Map<String, String> settings) {
        settings.forEach(System::setProperty);
        try {
            CommandRun run = CommandRun.of("train", "--model", model, "--data", dir.resolve("raw-train.csv").toString(),
                    "--test", dir.resolve("raw-test.csv").toString(), "--out", dir.resolve(model).toString());
            assertThat(run.exit()).as(run.stderr()).isZero();
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    /** A routing that sends every ticket tfidf is less than {@link #CASCADE_THRESHOLD} sure of to the transformer. */
    private static Path routing() throws IOException {
        Map<String, Object> routing = new LinkedHashMap<>();
        routing.put("format", 1);
        routing.put("created_at", "2026-01-01T00:00:00Z");
        routing.put("first_model", "tfidf");
        routing.put("second_model", "transformer");
        routing.put("training_language", "en");
        routing.put("second_weight", 0.5);
        routing.put("combination", "LINEAR");
        routing.put("review_threshold", 0.6);
        routing.put("complexity", Map.of("min_tokens", 1, "max_non_letter_ratio", 0.9, "max_oov_rate", 0.9));
        routing.put("segments", Map.of("*", Map.of("threshold", CASCADE_THRESHOLD, "use_second", true, "n", 100)));
        Path file = dir.resolve("router.json");
        JSON.writeValue(file.toFile(), routing);
        return file;
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.put(key, value);
        return env;
    }

    private static <T extends AutoCloseable> T started(T process) {
        STARTED.add(process);
        return process;
    }

    /**
     * An OpenAI-compatible chat-completions double standing in for Groq (unreachable here): it names the first of
     * the known categories the prompt offers, and every third answer is unusable, so both outcomes are recorded.
     */
    static final class ChatCompletions implements AutoCloseable {

        private final HttpServer server;
        private final List<String> categories;
        private final AtomicInteger calls = new AtomicInteger();

        ChatCompletions(List<String> categories) throws IOException {
            this.categories = categories;
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/chat/completions", this::complete);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        }

        int calls() {
            return calls.get();
        }

        private void complete(HttpExchange exchange) throws IOException {
            String prompt = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String content = calls.incrementAndGet() % 3 == 0 ? "I cannot tell."
                    : categories.stream().filter(prompt::contains).findFirst().orElse("I cannot tell.");
            byte[] body = JSON.writeValueAsBytes(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1,
                    "model", "llama-3.1-8b-instant", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                            "message", Map.of("role", "assistant", "content", content))),
                    "usage", Map.of("prompt_tokens", 10, "completion_tokens", 1, "total_tokens", 11)));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

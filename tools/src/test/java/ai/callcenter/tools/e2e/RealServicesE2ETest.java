package ai.callcenter.tools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.mlflow.MlflowRest;
import ai.callcenter.mlflow.MlflowRuns;
import ai.callcenter.mlflow.testing.LoggedText;
import ai.callcenter.testing.MlflowServer;
import ai.callcenter.testing.RedisServer;
import ai.callcenter.testing.SharedData;
import ai.callcenter.tools.CommandRun;
import ai.callcenter.tools.TestPiiModels;
import ai.callcenter.tools.tracking.TrackingServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The whole flow as a deployment runs it, through the real MLflow server: the tools scrub a small
 * Banking77 split, train tfidf and transformer models (tracked runs, registered versions) and promote
 * them; the three service jars run as child processes (with a real redis-server) serving
 * {@code models:/…@champion}; the tools fit the routing against the running classifiers, register
 * and promote it; the agent follows it, answers over HTTP and logs its prediction statistics. No run
 * holds the personal data sent. Then the transformer and the tfidf service are stopped in turn.
 */
class RealServicesE2ETest {

    static Path dir;
    static final List<AutoCloseable> STARTED = new ArrayList<>();
    static ServiceProcess tfidf;
    static ServiceProcess transformer;
    static ServiceProcess agent;
    static RedisServer redisServer;
    static List<String[]> test;
    static JsonNode fitSummary;
    static URI mlflow;
    /** Registry names and experiments of this run only: a developer's ticket-* models are never touched. */
    static final String RUN = UUID.randomUUID().toString();
    static final String EXPERIMENT = "e2e-" + RUN;
    static final String STATISTICS_EXPERIMENT = "e2e-statistics-" + RUN;

    @BeforeAll
    static void startTheStack() throws IOException, InterruptedException {
        Path tfidfJar = ServiceProcess.jar("tfidf-service");
        Path transformerJar = ServiceProcess.jar("transformer-service");
        Path agentJar = ServiceProcess.jar("agent-service");
        mlflow = MlflowServer.uri();
        dir = Files.createTempDirectory("callcenter-e2e");
        test = Banking77Split.write(SharedData.file("banking77/train.csv"), dir);
        System.setProperty(TrackingServer.PROPERTY, mlflow.toString());
        try {
            // behind the agent the classifiers only see scrubbed text, and a tracked train accepts nothing else
            for (String part : List.of("train", "val", "test")) {
                CommandRun scrub = withAgentSettings(() -> CommandRun.of("scrub-data", "--data",
                        dir.resolve("raw-" + part + ".csv").toString(), "--out", dir.resolve(part + ".csv").toString()));
                assertThat(scrub.exit()).as(scrub.stderr()).isZero();
            }
            // one head candidate: the test checks the flow, not the transformer's head search
            trainAndPromote("tfidf", Map.of());
            trainAndPromote("transformer", Map.of("callcenter.transformer.head.candidates", "lr:0.3",
                    "callcenter.transformer.head.embedding-cache-dir", dir.resolve("embeddings").toString()));

            tfidf = started(ServiceProcess.serve(tfidfJar, dir.resolve("tfidf.log"), withRequestLogs(fromRegistry("tfidf")),
                    "-Xmx512m"));
            transformer = started(ServiceProcess.serve(transformerJar, dir.resolve("transformer.log"),
                    withRequestLogs(fromRegistry("transformer")), "-Xmx768m"));
            redisServer = started(RedisServer.start());

            Path routing = dir.resolve("router.json");
            CommandRun fit = withAgentSettings(() -> CommandRun.of("fit-router", "--data", dir.resolve("val.csv").toString(),
                    "--first-url", tfidf.url(), "--second-url", transformer.url(), "--out", routing.toString(),
                    "--min-segment", "50", "--experiment", EXPERIMENT, "--registered-model", registered("router")));
            assertThat(fit.exit()).as(fit.stderr()).isZero();
            fitSummary = fit.json();
            // the routing was fitted on val.csv, so it is promoted on other tickets
            CommandRun promoteRouting = withAgentSettings(() -> CommandRun.of("promote", "--model", "router", "--data",
                    dir.resolve("test.csv").toString(), "--first-url", tfidf.url(), "--second-url", transformer.url(),
                    "--experiment", EXPERIMENT, "--registered-model", registered("router")));
            assertThat(promoteRouting.exit()).as(promoteRouting.stderr()).isZero();
            assertThat(promoteRouting.json().get("promoted").asBoolean()).isTrue();

            Map<String, String> agentEnv = new LinkedHashMap<>();
            agentEnv.put("TFIDF_URL", tfidf.url());
            agentEnv.put("TRANSFORMER_URL", transformer.url());
            agentEnv.put("ROUTER_URI", "models:/" + registered("router") + "@champion");
            agentEnv.put("MLFLOW_TRACKING_URI", mlflow.toString());
            agentEnv.put("MODEL_CACHE_DIR", dir.resolve("cache").toString());
            agentEnv.put("STATISTICS_WINDOW", "1s");
            agentEnv.put("CALLCENTER_STATISTICS_EXPERIMENT", STATISTICS_EXPERIMENT);
            agentEnv.put("CALLCENTER_PII_NAME_MODEL_DIR", TestPiiModels.directory().toString());
            agentEnv.put("CALLCENTER_LANGUAGE_LANGUAGES", "ENGLISH,GERMAN");
            agentEnv.put("CALLCENTER_DOWNSTREAM_MODEL_INFO_TTL", "1s");
            agentEnv.put("LLM_ROUTING", "false");
            agentEnv.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
            agentEnv.put("SPRING_DATA_REDIS_PORT", Integer.toString(redisServer.port()));
            agent = started(ServiceProcess.serve(agentJar, dir.resolve("agent.log"), agentEnv, "-Xmx1g"));
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            stopAll(); // a failed set-up must not leave the child processes running
            throw e;
        }
    }

    @AfterAll
    static void stopAll() {
        System.clearProperty(TrackingServer.PROPERTY);
        for (AutoCloseable c : STARTED) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort: the test's temp dir and ports are released anyway when the JVM exits
            }
        }
        STARTED.clear();
        if (dir != null) {
            try {
                org.springframework.util.FileSystemUtils.deleteRecursively(dir);
            } catch (IOException ignored) {
                // the temp dir is cleaned by the OS eventually
            }
        }
    }

    @Test
    void fullFlowAgainstTheRealServices() throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        RestClient http = RestClient.builder().baseUrl(agent.url())
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();

        // every service serves the champion it was told to follow
        for (ServiceProcess classifier : List.of(tfidf, transformer)) {
            JsonNode registry = json.readTree(RestClient.create(classifier.url()).get().uri("/model").retrieve().body(String.class))
                    .get("registry");
            assertThat(registry.get("registered_version").asText()).isEqualTo("1");
            assertThat(registry.get("origin").asText()).isEqualTo("registry");
        }
        JsonNode routingHealth = json.readTree(RestClient.create(agent.managementUrl()).get().uri("/actuator/health").retrieve()
                        .body(String.class))
                .get("components").get("routing");
        assertThat(routingHealth.get("details").get("model_uri").asText()).isEqualTo("models:/" + registered("router") + "@champion");
        Set<String> labels = new TreeSet<>();
        test.forEach(r -> labels.add(r[1]));

        // the fitted routing says where the transformer helps; the agent follows it
        assertThat(fitSummary.get("validation").get("accuracy").asDouble())
                .isGreaterThanOrEqualTo(fitSummary.get("validation").get("first_accuracy").asDouble());

        // a batch of held-out tickets: real answers, most of them right
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            items.add(Map.of("text", test.get(i)[0], "ticket_id", "e2e-" + i));
        }
        JsonNode batch = json.readTree(http.post().uri("/predict/batch").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("items", items)).retrieve().body(String.class));
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            JsonNode a = batch.get("items").get(i);
            assertThat(labels).contains(a.get("category").asText());
            assertThat(a.get("degraded").asBoolean()).isFalse();
            correct += a.get("category").asText().equals(test.get(i)[1]) ? 1 : 0;
        }
        assertThat((double) correct / test.size()).as("accuracy on %d held-out tickets", test.size()).isGreaterThan(0.6);

        // German tickets, although every labelled ticket is English: tfidf was trained on English only, so the
        // transformer's cross-lingual head (use-multilingual-v3) answers them
        Map<String, String> german = Map.of(
                "Wann kommt meine neue Karte an? Ich warte schon seit zwei Wochen darauf.", "card_arrival",
                "Wie ist der aktuelle Wechselkurs von Euro zu US-Dollar?", "exchange_rate",
                "Ich habe am Automaten Bargeld abgehoben, aber die Abhebung wird immer noch als ausstehend angezeigt.",
                "pending_cash_withdrawal");
        int germanCorrect = 0;
        for (Map.Entry<String, String> ticket : german.entrySet()) {
            JsonNode a = json.readTree(http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("text", ticket.getKey())).retrieve().body(String.class));
            assertThat(a.get("language").asText()).isEqualTo("de");
            assertThat(a.get("model_used").asText()).isEqualTo("transformer:cross-lingual");
            assertThat(a.get("route_reason").asText()).startsWith("de: tfidf is trained on en; transformer's cross-lingual head");
            assertThat(a.get("degraded").asBoolean()).isFalse();
            germanCorrect += a.get("category").asText().equals(ticket.getValue()) ? 1 : 0;
        }
        assertThat(germanCorrect).as("German tickets right").isGreaterThanOrEqualTo(2);
        JsonNode transformerModel = json.readTree(RestClient.create(transformer.url()).get().uri("/model").retrieve().body(String.class));
        assertThat(transformerModel.get("languages").toString()).isEqualTo("[\"en\"]");
        assertThat(transformerModel.get("cross_lingual").get("encoder").asText()).isEqualTo("use-multilingual-v3");

        // one trace from the agent request through the classifier services it called
        var traced = http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", test.get(1)[0] + " (traced)")).retrieve().toEntity(String.class);
        String traceId = traced.getHeaders().getFirst("X-Trace-Id");
        assertThat(traceId).matches("[0-9a-f]{32}");
        List<ServiceProcess> called = json.readTree(traced.getBody()).get("model_used").asText().contains("transformer")
                ? List.of(tfidf, transformer) : List.of(tfidf);
        for (ServiceProcess classifier : called) {
            Path log = classifier == tfidf ? dir.resolve("tfidf.log") : dir.resolve("transformer.log");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readAllLines(log))
                    .as(log.getFileName().toString())
                    .anySatisfy(line -> assertThat(line).startsWith("{").contains("\"traceId\":\"" + traceId + "\"")));
        }

        // PII is scrubbed and reported by type; the answer is cached in the real Redis, under a key without the text
        String pii = test.get(0)[0] + " My email is jane.roe@example.com.";
        JsonNode first = json.readTree(http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", pii, "ticket_id", "e2e-pii")).retrieve().body(String.class));
        assertThat(first.get("pii_types").toString()).contains("EMAIL");
        JsonNode again = json.readTree(http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", pii)).retrieve().body(String.class));
        assertThat(again.get("cached").asBoolean()).isTrue();
        LettuceConnectionFactory connection = new LettuceConnectionFactory("127.0.0.1", redisServer.port());
        connection.afterPropertiesSet();
        connection.start();
        try {
            StringRedisTemplate redis = new StringRedisTemplate(connection);
            for (String key : redis.keys("*")) {
                assertThat(key).doesNotContain("jane.roe");
                if (key.startsWith("agent:answer:")) {
                    assertThat(redis.opsForValue().get(key)).doesNotContain("jane.roe");
                }
            }

            // feedback lands in Redis
            JsonNode feedback = json.readTree(http.post().uri("/feedback").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("ticket_id", "e2e-0", "category", test.get(0)[1])).retrieve().body(String.class));
            assertThat(feedback.get("language").asText()).isEqualTo("en");
            assertThat(redis.opsForHash().entries("agent:accuracy")).containsKey("tfidf:en");
        } finally {
            connection.destroy();
        }
        assertThat(Files.readString(dir.resolve("agent.log"))).doesNotContain("jane.roe");
        // structured logs: one JSON object per line, for a collector to parse
        for (String line : Files.readAllLines(dir.resolve("agent.log"))) {
            if (!line.isBlank()) {
                assertThat(json.readTree(line).isObject()).as(line).isTrue();
            }
        }

        // transformer down: every answer still arrives; tickets it would have seen are flagged degraded
        transformer.close();
        int degraded = 0;
        for (int i = 0; i < test.size(); i++) {
            var res = http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("text", test.get(i)[0] + " (retry " + i + ")")).retrieve().toEntity(String.class);
            assertThat(res.getStatusCode().value()).isEqualTo(200);
            JsonNode a = json.readTree(res.getBody());
            assertThat(a.get("model_used").asText()).isEqualTo("tfidf");
            degraded += a.get("degraded").asBoolean() ? 1 : 0;
        }
        if (fitSummary.get("validation").get("second_share").asDouble() > 0) {
            assertThat(degraded).isPositive();
        }

        // the agent's statistics reached its run, and no run of this flow holds the personal data sent
        MlflowRuns runs = new MlflowRuns(new MlflowRest(mlflow, Duration.ofSeconds(30)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !runs.ofExperiment(STATISTICS_EXPERIMENT).isEmpty()
                && runs.ofExperiment(STATISTICS_EXPERIMENT).get(0).metrics().containsKey("answers"));
        List<MlflowRuns.LoggedRun> flowRuns = new ArrayList<>(runs.ofExperiment(EXPERIMENT));
        flowRuns.addAll(runs.ofExperiment(STATISTICS_EXPERIMENT));
        assertThat(flowRuns).extracting(MlflowRuns.LoggedRun::runName).contains("train tfidf", "train transformer", "fit-router");
        for (MlflowRuns.LoggedRun run : flowRuns) {
            assertThat(LoggedText.of(mlflow, run.runId(), dir.resolve("scan"))).as(run.runName())
                    .doesNotContain("jane.roe").doesNotContain("e2e-pii");
        }

        // tfidf down too: nothing can answer, so a 503 problem+json
        tfidf.close();
        var down = http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "where is my new card?")).retrieve().toEntity(String.class);
        assertThat(down.getStatusCode().value()).isEqualTo(503);
        assertThat(String.valueOf(down.getHeaders().getContentType())).startsWith("application/problem+json");
    }

    /**
     * Runs a tracked {@code train} in this JVM with extra settings, as the tools read them (system properties over
     * application.yaml), then promotes the new version on the validation tickets: with no champion yet, it becomes it.
     */
    private static void trainAndPromote(String model, Map<String, String> settings) {
        settings.forEach(System::setProperty);
        try {
            // a tracked train checks its data for personal data with the agent's recognisers
            CommandRun run = withAgentSettings(() -> CommandRun.of("train", "--model", model, "--data", dir.resolve("train.csv").toString(),
                    "--test", dir.resolve("test.csv").toString(), "--out", dir.resolve(model).toString(),
                    "--experiment", EXPERIMENT, "--registered-model", registered(model)));
            assertThat(run.exit()).as(run.stderr()).isZero();
            assertThat(run.json().get("registered_version").asText()).isEqualTo("1");
            CommandRun promote = CommandRun.of("promote", "--model", model, "--data", dir.resolve("val.csv").toString(),
                    "--experiment", EXPERIMENT, "--registered-model", registered(model));
            assertThat(promote.exit()).as(promote.stderr()).isZero();
            assertThat(promote.json().get("promoted").asBoolean()).isTrue();
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    private static String registered(String model) {
        return "e2e-" + model + "-" + RUN;
    }

    /** A classifier following its champion in the registry; MODEL_DIR names nothing, so only the registry can serve. */
    private static Map<String, String> fromRegistry(String model) {
        return Map.of("MODEL_URI", "models:/" + registered(model) + "@champion", "MLFLOW_TRACKING_URI", mlflow.toString(),
                "MODEL_CACHE_DIR", dir.resolve("cache").toString(), "MODEL_DIR", dir.resolve("no-model-here").toString());
    }

    /**
     * Spring MVC's DispatcherServlet logs each request (method and path, never the body) at DEBUG: in the classifiers'
     * JSON logs those lines carry the trace id of the agent request that called them.
     */
    private static Map<String, String> withRequestLogs(Map<String, String> env) {
        Map<String, String> more = new LinkedHashMap<>(env);
        // as JSON: an environment variable's name would be lower-cased, and logger names are case-sensitive
        more.put("SPRING_APPLICATION_JSON", "{\"logging.level.org.springframework.web.servlet.DispatcherServlet\":\"DEBUG\"}");
        return more;
    }

    /** The agent's settings for the tools that scrub and detect languages: the test's PII models, two languages. */
    private static CommandRun withAgentSettings(java.util.function.Supplier<CommandRun> command) {
        System.setProperty("callcenter.language.languages", "ENGLISH,GERMAN");
        System.setProperty(TestPiiModels.PROPERTY, TestPiiModels.directory().toString());
        try {
            return command.get();
        } finally {
            System.clearProperty("callcenter.language.languages");
            System.clearProperty(TestPiiModels.PROPERTY);
        }
    }

    private static <T extends AutoCloseable> T started(T process) {
        STARTED.add(process);
        return process;
    }
}

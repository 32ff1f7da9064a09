package ai.callcenter.tools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.testing.RedisServer;
import ai.callcenter.testing.SharedData;
import ai.callcenter.tools.CommandRun;
import ai.callcenter.tools.TestPiiModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The whole flow as a deployment runs it: the tools train small tfidf and transformer models from
 * Banking77 and the PII models, the three service jars run as child processes (with a real
 * redis-server), the tools fit the routing against the running classifiers, and the agent answers
 * over HTTP. Then the transformer and the tfidf service are stopped in turn.
 */
class RealServicesE2ETest {

    /** Few classes and examples keep training to seconds; enough for the models to be clearly better than chance. */
    static final int CLASSES = 8;
    static final int TRAIN_PER_CLASS = 40;
    static final int VALIDATION_PER_CLASS = 15;
    static final int TEST_PER_CLASS = 10;

    static Path dir;
    static final List<AutoCloseable> STARTED = new ArrayList<>();
    static ServiceProcess tfidf;
    static ServiceProcess transformer;
    static ServiceProcess agent;
    static RedisServer redisServer;
    static List<String[]> test;
    static JsonNode fitSummary;

    @BeforeAll
    static void startTheStack() throws IOException, InterruptedException {
        Path tfidfJar = ServiceProcess.jar("tfidf-service");
        Path transformerJar = ServiceProcess.jar("transformer-service");
        Path agentJar = ServiceProcess.jar("agent-service");
        dir = Files.createTempDirectory("callcenter-e2e");
        test = splitBanking77(SharedData.file("banking77/train.csv"), dir);
        try {
            // one head candidate: the test checks the flow, not the transformer's head search
            train("tfidf", Map.of());
            train("transformer", Map.of("callcenter.transformer.head.candidates", "lr:0.3",
                    "callcenter.transformer.head.embedding-cache-dir", dir.resolve("embeddings").toString()));

            tfidf = started(ServiceProcess.serve(tfidfJar, dir.resolve("tfidf.log"),
                    Map.of("MODEL_DIR", dir.resolve("tfidf").toString()), "-Xmx512m"));
            transformer = started(ServiceProcess.serve(transformerJar, dir.resolve("transformer.log"),
                    Map.of("MODEL_DIR", dir.resolve("transformer").toString()), "-Xmx768m"));
            redisServer = started(RedisServer.start());

            Path routing = dir.resolve("router.json");
            CommandRun fit = withAgentSettings(() -> CommandRun.of("fit-router", "--data", dir.resolve("val.csv").toString(),
                    "--first-url", tfidf.url(), "--second-url", transformer.url(), "--out", routing.toString(),
                    "--min-segment", "50"));
            assertThat(fit.exit()).as(fit.stderr()).isZero();
            fitSummary = fit.json();

            Map<String, String> agentEnv = new LinkedHashMap<>();
            agentEnv.put("TFIDF_URL", tfidf.url());
            agentEnv.put("TRANSFORMER_URL", transformer.url());
            agentEnv.put("ROUTER_CONFIG", routing.toString());
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

        // tfidf down too: nothing can answer, so a 503 problem+json
        tfidf.close();
        var down = http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "where is my new card?")).retrieve().toEntity(String.class);
        assertThat(down.getStatusCode().value()).isEqualTo(503);
        assertThat(String.valueOf(down.getHeaders().getContentType())).startsWith("application/problem+json");
    }

    /** Runs {@code train} in this JVM with extra settings, as the tools read them (system properties over application.yaml). */
    private static void train(String model, Map<String, String> settings) {
        settings.forEach(System::setProperty);
        try {
            CommandRun run = CommandRun.of("train", "--model", model, "--data", dir.resolve("train.csv").toString(),
                    "--test", dir.resolve("test.csv").toString(), "--out", dir.resolve(model).toString());
            assertThat(run.exit()).as(run.stderr()).isZero();
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
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

    /** The first {@link #CLASSES} Banking77 categories split into train, validation and test CSV files; returns the test rows. */
    private static List<String[]> splitBanking77(Path source, Path into) throws IOException {
        Map<String, List<String>> byLabel = new LinkedHashMap<>();
        try (CSVParser csv = CSVParser.parse(source, StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord r : csv) {
                List<String> texts = byLabel.computeIfAbsent(r.get("category"), k -> new ArrayList<>());
                if (byLabel.size() <= CLASSES) {
                    texts.add(r.get("text"));
                }
            }
        }
        List<String[]> train = new ArrayList<>();
        List<String[]> validation = new ArrayList<>();
        List<String[]> testRows = new ArrayList<>();
        byLabel.entrySet().stream().limit(CLASSES).forEach(e -> {
            List<String> t = e.getValue();
            for (int i = 0; i < TRAIN_PER_CLASS + VALIDATION_PER_CLASS + TEST_PER_CLASS && i < t.size(); i++) {
                String[] row = {t.get(i), e.getKey()};
                (i < TRAIN_PER_CLASS ? train : i < TRAIN_PER_CLASS + VALIDATION_PER_CLASS ? validation : testRows).add(row);
            }
        });
        write(into.resolve("train.csv"), train);
        write(into.resolve("val.csv"), validation);
        write(into.resolve("test.csv"), testRows);
        return testRows;
    }

    private static void write(Path file, List<String[]> rows) throws IOException {
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(file), CSVFormat.DEFAULT.builder().setHeader("text", "label").get())) {
            for (String[] r : rows) {
                p.printRecord((Object[]) r);
            }
        }
    }
}

package ai.callcenter.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.TestData;
import ai.callcenter.agent.cli.RouterCli;
import ai.callcenter.common.testing.RedisServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The full flow against the real services: small tfidf and transformer models are trained here
 * from Banking77 with the real service jars, both are served as child processes, the router is
 * fitted on a held-out piece with fit-router, and the agent (this context, with a real
 * redis-server) answers over HTTP. Then the transformer and the tfidf service are stopped in turn.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "callcenter.language.languages=ENGLISH,GERMAN", "callcenter.llm.enabled=false",
        "callcenter.downstream.model-info-ttl=1s"})
class RealServicesE2ETest {

    /** Few classes and examples keep training to seconds; enough for the models to be clearly better than chance. */
    static final int CLASSES = 8;
    static final int TRAIN_PER_CLASS = 40;
    static final int VALIDATION_PER_CLASS = 15;
    static final int TEST_PER_CLASS = 10;

    static Stack stack;

    record Stack(Path dir, ServiceProcess tfidf, ServiceProcess transformer, RedisServer redis, Path routerConfig,
                 List<String[]> test, JsonNode fitSummary) {
    }

    static synchronized Stack stack() {
        if (stack == null) {
            try {
                stack = build();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return stack;
    }

    static Stack build() throws IOException, InterruptedException {
        Path source = TestData.file("banking77/train.csv");
        Path tfidfJar = ServiceProcess.jar("tfidf-service");
        Path transformerJar = ServiceProcess.jar("transformer-service");
        Path dir = Files.createTempDirectory("agent-e2e");
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
        List<String[]> test = new ArrayList<>();
        byLabel.entrySet().stream().limit(CLASSES).forEach(e -> {
            List<String> t = e.getValue();
            for (int i = 0; i < TRAIN_PER_CLASS + VALIDATION_PER_CLASS + TEST_PER_CLASS && i < t.size(); i++) {
                String[] row = {t.get(i), e.getKey()};
                (i < TRAIN_PER_CLASS ? train : i < TRAIN_PER_CLASS + VALIDATION_PER_CLASS ? validation : test).add(row);
            }
        });
        write(dir.resolve("train.csv"), train);
        write(dir.resolve("val.csv"), validation);
        write(dir.resolve("test.csv"), test);
        // one head candidate: the test checks the flow, not the transformer's head search
        Map<String, String> env = Map.of("EMBEDDING_CACHE_DIR", dir.resolve("embeddings").toString(),
                "CALLCENTER_TRANSFORMER_HEAD_CANDIDATES", "lr:0.3");
        ServiceProcess.runToCompletion(tfidfJar, dir.resolve("train-tfidf.log"), env, "-Xmx1g", "train", "--model", "tfidf",
                "--data", dir.resolve("train.csv").toString(), "--test", dir.resolve("test.csv").toString(),
                "--out", dir.resolve("tfidf").toString());
        ServiceProcess.runToCompletion(transformerJar, dir.resolve("train-transformer.log"), env, "-Xmx1g", "train", "--model",
                "transformer", "--data", dir.resolve("train.csv").toString(), "--test", dir.resolve("test.csv").toString(),
                "--out", dir.resolve("transformer").toString());
        List<AutoCloseable> started = new ArrayList<>();
        try {
            ServiceProcess tfidf = ServiceProcess.serve(tfidfJar, dir.resolve("tfidf.log"),
                    Map.of("MODEL_DIR", dir.resolve("tfidf").toString()), "-Xmx512m");
            started.add(tfidf);
            ServiceProcess transformer = ServiceProcess.serve(transformerJar, dir.resolve("transformer.log"),
                    Map.of("MODEL_DIR", dir.resolve("transformer").toString(), "EMBEDDING_CACHE_DIR", dir.resolve("embeddings").toString()),
                    "-Xmx768m");
            started.add(transformer);
            RedisServer redis = RedisServer.start();
            started.add(redis);

            Path routerConfig = dir.resolve("router.json");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setProperty("callcenter.language.languages", "ENGLISH,GERMAN");
            int exit;
            try {
                exit = new RouterCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                        .run(new String[] {"fit-router", "--data", dir.resolve("val.csv").toString(), "--first-url", tfidf.url(),
                                "--second-url", transformer.url(), "--out", routerConfig.toString(), "--min-segment", "50"});
            } finally {
                System.clearProperty("callcenter.language.languages");
            }
            if (exit != 0) {
                throw new AssertionError("fit-router failed: " + err);
            }
            String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
            return new Stack(dir, tfidf, transformer, redis, routerConfig, test,
                    new ObjectMapper().readTree(lines[lines.length - 1]));
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            // a failed set-up must not leave the child processes running
            for (AutoCloseable c : started) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
            throw e;
        }
    }

    static void write(Path file, List<String[]> rows) throws IOException {
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(file), CSVFormat.DEFAULT.builder().setHeader("text", "label").get())) {
            for (String[] r : rows) {
                p.printRecord((Object[]) r);
            }
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("callcenter.downstream.tfidf.url", () -> stack().tfidf().url());
        registry.add("callcenter.downstream.transformer.url", () -> stack().transformer().url());
        registry.add("callcenter.routing.config", () -> stack().routerConfig().toString());
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> stack().redis().port());
    }

    /** Runs before the context loads: a missing dataset or jar skips the test (fails under CI=true) instead of breaking the context. */
    @BeforeAll
    static void prerequisites() {
        TestData.file("banking77/train.csv");
        ServiceProcess.jar("tfidf-service");
        ServiceProcess.jar("transformer-service");
    }

    @AfterAll
    static void stopAll() throws InterruptedException {
        if (stack != null) {
            stack.tfidf().close();
            stack.transformer().close();
            stack.redis().close();
            org.springframework.util.FileSystemUtils.deleteRecursively(stack.dir().toFile());
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void fullFlowAgainstTheRealServices() throws IOException {
        Stack s = stack();
        ObjectMapper json = new ObjectMapper();
        RestClient http = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        Set<String> labels = new TreeSet<>();
        s.test().forEach(r -> labels.add(r[1]));

        // the fitted router says where the transformer helps; the agent follows it
        assertThat(s.fitSummary().get("validation").get("accuracy").asDouble())
                .isGreaterThanOrEqualTo(s.fitSummary().get("validation").get("first_accuracy").asDouble());

        // a batch of held-out tickets: real answers, most of them right
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < s.test().size(); i++) {
            items.add(Map.of("text", s.test().get(i)[0], "ticket_id", "e2e-" + i));
        }
        JsonNode batch = json.readTree(http.post().uri("/predict/batch").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("items", items)).retrieve().body(String.class));
        int correct = 0;
        for (int i = 0; i < s.test().size(); i++) {
            JsonNode a = batch.get("items").get(i);
            assertThat(labels).contains(a.get("category").asText());
            assertThat(a.get("degraded").asBoolean()).isFalse();
            correct += a.get("category").asText().equals(s.test().get(i)[1]) ? 1 : 0;
        }
        assertThat((double) correct / s.test().size()).as("accuracy on %d held-out tickets", s.test().size()).isGreaterThan(0.6);

        // PII is scrubbed and reported by type; the answer is cached in the real Redis
        String pii = s.test().get(0)[0] + " My email is jane.roe@example.com.";
        JsonNode first = json.readTree(http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", pii, "ticket_id", "e2e-pii")).retrieve().body(String.class));
        assertThat(first.get("pii_types").toString()).contains("EMAIL");
        JsonNode again = json.readTree(http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", pii)).retrieve().body(String.class));
        assertThat(again.get("cached").asBoolean()).isTrue();
        for (String key : redis.keys("*")) {
            assertThat(key).doesNotContain("jane.roe");
        }

        // feedback lands in Redis
        JsonNode fb = json.readTree(http.post().uri("/feedback").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ticket_id", "e2e-0", "category", s.test().get(0)[1])).retrieve().body(String.class));
        assertThat(fb.get("language").asText()).isEqualTo("en");
        assertThat(redis.opsForHash().entries("agent:accuracy")).containsKey("tfidf:en");

        // transformer down: every answer still arrives; tickets it would have seen are flagged degraded
        s.transformer().close();
        int degraded = 0;
        for (int i = 0; i < s.test().size(); i++) {
            var res = http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("text", s.test().get(i)[0] + " (retry " + i + ")")).retrieve().toEntity(String.class);
            assertThat(res.getStatusCode().value()).isEqualTo(200);
            JsonNode a = json.readTree(res.getBody());
            assertThat(a.get("model_used").asText()).isEqualTo("tfidf");
            degraded += a.get("degraded").asBoolean() ? 1 : 0;
        }
        boolean routerUsesTransformer = s.fitSummary().get("validation").get("second_share").asDouble() > 0;
        if (routerUsesTransformer) {
            assertThat(degraded).isPositive();
        }

        // tfidf down too: nothing can answer → 503 problem+json
        s.tfidf().close();
        var down = http.post().uri("/predict").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "where is my new card?")).retrieve().toEntity(String.class);
        assertThat(down.getStatusCode().value()).isEqualTo(503);
        assertThat(String.valueOf(down.getHeaders().getContentType())).startsWith("application/problem+json");
    }
}

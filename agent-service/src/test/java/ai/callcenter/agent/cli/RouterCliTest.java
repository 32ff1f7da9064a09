package ai.callcenter.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.routing.RouterConfig;
import ai.callcenter.agent.routing.RouterConfigs;
import ai.callcenter.agent.testing.FakeClassifierServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit-router, evaluate-router, split-data and scrub-data against real local HTTP servers impersonating the classifiers. */
class RouterCliTest {

    static FakeClassifierServer tfidf;
    static FakeClassifierServer transformer;

    @BeforeAll
    static void start() throws IOException {
        // a short language list keeps the test's start-up small (system properties override application.yaml)
        System.setProperty("callcenter.language.languages", "ENGLISH,GERMAN");
        tfidf = new FakeClassifierServer("tfidf-v1", 0.95, 0.5, 0);
        tfidf.blindTo("hmm"); // tfidf fails on the "hmm" tickets, unsure about them
        transformer = new FakeClassifierServer("transformer-v1", 0.9, 0.9, 0);
    }

    @AfterAll
    static void stop() {
        System.clearProperty("callcenter.language.languages");
        tfidf.close();
        transformer.close();
    }

    record Run(int exit, String stdout, String stderr) {
        JsonNode json() throws IOException {
            String[] lines = stdout.strip().split("\n");
            return new ObjectMapper().readTree(lines[lines.length - 1]);
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new RouterCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path csv(Path dir) throws IOException {
        List<String> lines = new ArrayList<>(List.of("text,label"));
        for (int i = 0; i < 80; i++) {
            String label = List.of("card", "transfer", "refund").get(i % 3);
            // one in four is a "hmm" ticket that only the transformer gets right
            lines.add(i % 4 == 0 ? "hmm what about my " + label + " number " + i + "," + label
                    : "clearly a question about my " + label + " number " + i + "," + label);
        }
        Path file = dir.resolve("val.csv");
        Files.write(file, lines);
        return file;
    }

    @Test
    void fitsAConfigThatSendsOnlyTheUnsureTicketsThenEvaluatesIt(@TempDir Path dir) throws IOException {
        Path data = csv(dir);
        Path out = dir.resolve("router.json");
        Run fit = run("fit-router", "--data", data.toString(), "--first-url", tfidf.url(), "--second-url", transformer.url(),
                "--out", out.toString(), "--min-segment", "10");
        assertThat(fit.exit()).as(fit.stderr()).isZero();
        JsonNode summary = fit.json();
        assertThat(summary.get("validation").get("first_accuracy").asDouble()).isEqualTo(0.75);
        assertThat(summary.get("validation").get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(summary.get("validation").get("second_share").asDouble()).isEqualTo(0.25);
        RouterConfig config = RouterConfigs.read(out);
        assertThat(config.secondVersion()).isEqualTo("transformer-v1");
        RouterConfig.Segment en = config.segmentFor("en", false).getValue();
        assertThat(en.useSecond()).isTrue();
        assertThat(en.threshold()).isBetween(0.5, 0.95);
        // the texts the classifiers saw were scrubbed and nothing else: same count as the CSV rows
        assertThat(tfidf.receivedTexts()).hasSizeGreaterThanOrEqualTo(80);

        Run eval = run("evaluate-router", "--data", data.toString(), "--config", out.toString(), "--first-url", tfidf.url(),
                "--second-url", transformer.url(), "--latency-sample", "5");
        assertThat(eval.exit()).as(eval.stderr()).isZero();
        JsonNode e = eval.json();
        assertThat(e.get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(e.get("second_share").asDouble()).isEqualTo(0.25);
        assertThat(e.get("mean_latency_ms_estimate").asDouble()).isPositive();
        assertThat(e.get("curve")).isNotEmpty();

        Run defaults = run("evaluate-router", "--data", data.toString(), "--first-url", tfidf.url(),
                "--second-url", transformer.url(), "--latency-sample", "1");
        assertThat(defaults.json().get("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(defaults.json().get("second_share").asDouble()).isZero();
    }

    @Test
    void splitDataWritesAStratifiedHoldOut(@TempDir Path dir) throws IOException {
        Path data = csv(dir);
        Run split = run("split-data", "--data", data.toString(), "--out-train", dir.resolve("t.csv").toString(),
                "--out-val", dir.resolve("v.csv").toString(), "--fraction", "0.25");
        assertThat(split.exit()).as(split.stderr()).isZero();
        assertThat(split.json().get("n_train").asInt() + split.json().get("n_validation").asInt()).isEqualTo(80);
        assertThat(Files.readAllLines(dir.resolve("v.csv")).get(0)).isEqualTo("text,label");
    }

    @Test
    void scrubDataWritesTheTextsAsTheClassifiersWillSeeThem(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("raw.csv");
        Files.write(data, List.of("text,label",
                "\"Please email me at jane.doe@example.com, my card is lost\",card",
                "where is my refund,refund"));
        Path out = dir.resolve("scrubbed.csv");
        Run scrub = run("scrub-data", "--data", data.toString(), "--out", out.toString());
        assertThat(scrub.exit()).as(scrub.stderr()).isZero();
        assertThat(scrub.json().get("n").asInt()).isEqualTo(2);
        assertThat(scrub.json().get("texts_with_pii").asInt()).isEqualTo(1);
        assertThat(scrub.json().get("texts_by_pii_type").get("EMAIL").asInt()).isEqualTo(1);
        String written = Files.readString(out);
        assertThat(written).startsWith("text,label").contains("<EMAIL>").contains("where is my refund,refund")
                .doesNotContain("jane.doe@example.com");
        assertThat(run("scrub-data", "--data", data.toString()).exit()).isEqualTo(2);
    }

    @Test
    void usageAndOutageErrorsExitNonZero(@TempDir Path dir) throws IOException {
        assertThat(run("fit-router").exit()).isEqualTo(2);
        assertThat(run("fit-router", "--data", csv(dir).toString(), "--bogus", "1").exit()).isEqualTo(2);
        Run down = run("fit-router", "--data", csv(dir).toString(), "--first-url", "http://127.0.0.1:1",
                "--second-url", transformer.url());
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.stderr()).contains("tfidf");
    }
}

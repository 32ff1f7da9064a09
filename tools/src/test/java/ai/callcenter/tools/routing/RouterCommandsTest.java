package ai.callcenter.tools.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.routing.FittedRouting;
import ai.callcenter.agent.routing.FittedRoutingFiles;
import ai.callcenter.testing.FakeClassifierServer;
import ai.callcenter.tools.CommandRun;
import ai.callcenter.tools.TestPiiModels;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit-router, evaluate-router, split-data and scrub-data against real local HTTP servers impersonating the classifiers. */
class RouterCommandsTest {

    static FakeClassifierServer tfidf;
    static FakeClassifierServer transformer;

    @BeforeAll
    static void start() throws IOException {
        // a short language list keeps the test's start-up small (system properties override application.yaml)
        System.setProperty("callcenter.language.languages", "ENGLISH,GERMAN");
        System.setProperty(TestPiiModels.PROPERTY, TestPiiModels.directory().toString());
        tfidf = new FakeClassifierServer("tfidf-v1", 0.95, 0.5, 0);
        tfidf.blindTo("hmm"); // tfidf fails on the "hmm" tickets, unsure about them
        transformer = new FakeClassifierServer("transformer-v1", 0.9, 0.9, 0);
    }

    @AfterAll
    static void stop() {
        System.clearProperty("callcenter.language.languages");
        System.clearProperty(TestPiiModels.PROPERTY);
        tfidf.close();
        transformer.close();
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
        CommandRun fit = CommandRun.of("fit-router", "--data", data.toString(), "--first-url", tfidf.url(), "--second-url", transformer.url(),
                "--out", out.toString(), "--min-segment", "10");
        assertThat(fit.exit()).as(fit.stderr()).isZero();
        JsonNode summary = fit.json();
        assertThat(summary.get("validation").get("first_accuracy").asDouble()).isEqualTo(0.75);
        assertThat(summary.get("validation").get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(summary.get("validation").get("second_share").asDouble()).isEqualTo(0.25);
        FittedRouting config = FittedRoutingFiles.read(out);
        assertThat(config.secondVersion()).isEqualTo("transformer-v1");
        FittedRouting.Segment en = config.segmentFor("en", false).getValue();
        assertThat(en.useSecond()).isTrue();
        assertThat(en.threshold()).isBetween(0.5, 0.95);
        // the texts the classifiers saw were scrubbed and nothing else: same count as the CSV rows
        assertThat(tfidf.receivedTexts()).hasSizeGreaterThanOrEqualTo(80);

        CommandRun eval = CommandRun.of("evaluate-router", "--data", data.toString(), "--config", out.toString(), "--first-url", tfidf.url(),
                "--second-url", transformer.url(), "--latency-sample", "5");
        assertThat(eval.exit()).as(eval.stderr()).isZero();
        JsonNode e = eval.json();
        assertThat(e.get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(e.get("second_share").asDouble()).isEqualTo(0.25);
        assertThat(e.get("mean_latency_ms_estimate").asDouble()).isPositive();
        assertThat(e.get("curve")).isNotEmpty();

        CommandRun defaults = CommandRun.of("evaluate-router", "--data", data.toString(), "--first-url", tfidf.url(),
                "--second-url", transformer.url(), "--latency-sample", "1");
        assertThat(defaults.json().get("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(defaults.json().get("second_share").asDouble()).isZero();
    }

    @Test
    void splitDataWritesAStratifiedHoldOut(@TempDir Path dir) throws IOException {
        Path data = csv(dir);
        CommandRun split = CommandRun.of("split-data", "--data", data.toString(), "--out-train", dir.resolve("t.csv").toString(),
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
        CommandRun scrub = CommandRun.of("scrub-data", "--data", data.toString(), "--out", out.toString());
        assertThat(scrub.exit()).as(scrub.stderr()).isZero();
        assertThat(scrub.json().get("n").asInt()).isEqualTo(2);
        assertThat(scrub.json().get("texts_with_pii").asInt()).isEqualTo(1);
        assertThat(scrub.json().get("texts_by_pii_type").get("EMAIL").asInt()).isEqualTo(1);
        String written = Files.readString(out);
        assertThat(written).startsWith("text,label").contains("<EMAIL>").contains("where is my refund,refund")
                .doesNotContain("jane.doe@example.com");
        assertThat(CommandRun.of("scrub-data", "--data", data.toString()).exit()).isEqualTo(2);
    }

    @Test
    void usageAndOutageErrorsExitNonZero(@TempDir Path dir) throws IOException {
        assertThat(CommandRun.of("fit-router").exit()).isEqualTo(2);
        assertThat(CommandRun.of("fit-router", "--data", csv(dir).toString(), "--bogus", "1").exit()).isEqualTo(2);
        CommandRun down = CommandRun.of("fit-router", "--data", csv(dir).toString(), "--first-url", "http://127.0.0.1:1",
                "--second-url", transformer.url());
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.stderr()).contains("tfidf");
    }
}

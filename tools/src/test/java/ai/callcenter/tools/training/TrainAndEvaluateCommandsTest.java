package ai.callcenter.tools.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.ModelType;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.testing.KeywordClassifier;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.tools.CallcenterCli;
import ai.callcenter.tools.io.Console;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train and evaluate through the command line, with a transparent keyword model type standing in for the real ones. */
class TrainAndEvaluateCommandsTest {

    /** Trains the keyword stand-in: it "learns" the label set and writes metadata.json. */
    static final class KeywordModelType implements ModelType {
        List<LabeledText> seenTraining;

        @Override
        public String name() {
            return "keyword";
        }

        @Override
        public TextClassifier train(List<LabeledText> train, TrainingContext context, Path modelDir) {
            seenTraining = train;
            KeywordClassifier model = new KeywordClassifier(List.copyOf(new TreeSet<>(train.stream().map(LabeledText::label).toList())), "keyword-1");
            ModelFiles.writeMetadata(modelDir, model.metadata());
            return model;
        }

        @Override
        public TextClassifier load(Path modelDir) {
            return new KeywordClassifier(ModelFiles.readMetadata(modelDir).labels(), "keyword-1");
        }
    }

    @TempDir
    Path dir;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final KeywordModelType modelType = new KeywordModelType();
    private Path data;

    private int run(String... args) {
        Console console = new Console(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return CallcenterCli.run(console, new ModelTypes(Map.of("keyword", () -> modelType)), args);
    }

    @BeforeEach
    void setUp() throws IOException {
        StringBuilder csv = new StringBuilder("body,topic\n");
        for (int i = 0; i < 50; i++) {
            csv.append("my printer is broken ").append(i).append(",printer\n");
            csv.append("network down again ").append(i).append(",network\n");
        }
        data = dir.resolve("tickets.csv");
        Files.writeString(data, csv);
    }

    private JsonNode lastStdoutLine() throws IOException {
        String[] lines = stdout.toString(StandardCharsets.UTF_8).strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @Test
    void trainSplitsTrainsScoresAndWritesMetrics() throws IOException {
        Path out = dir.resolve("model");
        int exit = run("train", "--model", "keyword", "--data", data.toString(), "--test-split", "0.2",
                "--seed", "42", "--text-col", "body", "--label-col", "topic", "--out", out.toString());

        assertThat(exit).as(stderr.toString()).isZero();
        JsonNode result = lastStdoutLine();
        assertThat(result.get("n_train").asInt()).isEqualTo(80);
        assertThat(result.get("n_test").asInt()).isEqualTo(20);
        assertThat(result.get("accuracy").asDouble()).isEqualTo(1.0);
        for (String field : List.of("macro_f1", "weighted_f1", "ece", "train_seconds", "per_class", "coverage_curve")) {
            assertThat(result.has(field)).as(field).isTrue();
        }
        assertThat(result.get("per_class").get("printer").get("support").asInt()).isEqualTo(10);
        assertThat(modelType.seenTraining).hasSize(80);
        assertThat(Files.readString(out.resolve("metrics.json"))).contains("\"accuracy\"");
        assertThat(ModelFiles.readMetadata(out).metrics()).containsKey("test");
    }

    @Test
    void evaluateScoresASavedModelOnAnotherFile() throws IOException {
        Path out = dir.resolve("model");
        assertThat(run("train", "--model", "keyword", "--data", data.toString(), "--text-col", "body", "--label-col", "topic",
                "--out", out.toString())).isZero();
        stdout.reset();
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "body,topic\nprinter jammed,printer\nsomething else,printer\nnew label here,unseen\n");

        int exit = run("evaluate", "--model-dir", out.toString(), "--data", other.toString(),
                "--text-col", "body", "--label-col", "topic");

        assertThat(exit).isZero();
        JsonNode result = lastStdoutLine();
        assertThat(result.get("n_test").asInt()).isEqualTo(3);
        // "printer jammed" is right; the unmatched text falls to the first label (network) and the unseen label cannot be right.
        assertThat(result.get("accuracy").asDouble()).isCloseTo(1.0 / 3, within(1e-6));
    }

    @Test
    void badDataExitsOneWithAClearMessage() throws IOException {
        assertThat(run("train", "--model", "keyword", "--data", data.toString(), "--out", dir.resolve("m").toString()))
                .isEqualTo(1);
        assertThat(stderr.toString()).contains("column 'text'");

        Path oneClass = dir.resolve("one.csv");
        Files.writeString(oneClass, "text,label\na,x\nb,x\nc,x\n");
        assertThat(run("train", "--model", "keyword", "--data", oneClass.toString(), "--out", dir.resolve("m").toString()))
                .isEqualTo(1);
        assertThat(stderr.toString()).contains("at least 2 are needed");

        assertThat(run("train", "--model", "keyword", "--data", dir.resolve("missing.csv").toString(), "--out", "x"))
                .isEqualTo(1);
        assertThat(stderr.toString()).contains("not found");

        assertThat(run("evaluate", "--model-dir", dir.toString(), "--data", data.toString(),
                "--text-col", "body", "--label-col", "topic")).isEqualTo(1);
        assertThat(stderr.toString()).contains("not a model directory");
        assertThat(stdout.toString()).isEmpty();
    }

    @Test
    void wrongUsageExitsTwoWithTheUsage() {
        assertThat(run("train", "--data", data.toString(), "--out", "x")).isEqualTo(2);
        assertThat(stderr.toString()).contains("Missing required option: '--model=TYPE'").contains("Usage: callcenter train");
        assertThat(run("train", "--model", "keyword", "--data", data.toString(), "--out", "x", "--bogus", "1")).isEqualTo(2);
        assertThat(run("train", "--model", "keyword", "--data", data.toString(), "--test-split", "1.5", "--out", "x",
                "--text-col", "body", "--label-col", "topic")).isEqualTo(2);
        assertThat(run("train", "--model", "keyword", "--data", data.toString(), "--test", "t.csv", "--test-split", "0.2",
                "--out", "x")).isEqualTo(2);
        assertThat(stderr.toString()).contains("mutually exclusive");
        assertThat(run("train", "--model", "other", "--data", data.toString(), "--out", "x")).isEqualTo(2);
        assertThat(stderr.toString()).contains("--model must be one of [keyword]");
        assertThat(stdout.toString()).isEmpty();
    }
}

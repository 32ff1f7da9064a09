package ai.callcenter.tools.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.ml.dataset.CsvDatasetReader;
import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.tools.CommandRun;
import ai.callcenter.testing.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The out-of-scope protocol in small, on real data: Banking77's first {@value #CLASSES} categories,
 * a quarter of them held out of training by oos-split, a real tfidf model trained on the rest and
 * evaluated on all their test rows with --oos-label. The detector must tell the unseen classes apart
 * from the seen ones well above chance ({@value #MIN_AUROC}; measured 0.92 with each score-based detector) while the
 * existing metrics stay in the result.
 */
class OutOfScopeProtocolTest {

    static final int CLASSES = 16;
    static final double MIN_AUROC = 0.85;

    @TempDir
    Path dir;

    private Path subset(String file) throws IOException {
        List<LabeledText> rows = CsvDatasetReader.read(SharedData.file("banking77/" + file), "text", "category").examples();
        Set<String> first = rows.stream().map(LabeledText::label).collect(Collectors.toCollection(TreeSet::new))
                .stream().limit(CLASSES).collect(Collectors.toSet());
        Path out = dir.resolve(file);
        Files.writeString(out, "text,label\n" + rows.stream().filter(r -> first.contains(r.label()))
                .map(r -> "\"" + r.text().replace("\"", "\"\"") + "\"," + r.label()).collect(Collectors.joining("\n")) + "\n");
        return out;
    }

    @Test
    void heldOutClassesAreFlaggedAndTheUsualMetricsStay() throws IOException {
        Path train = subset("train.csv");
        Path test = subset("test.csv");
        CommandRun split = CommandRun.of("oos-split", "--data", train.toString(), "--test", test.toString(),
                "--out-train", dir.resolve("oos-train.csv").toString(), "--out-test", dir.resolve("oos-test.csv").toString());
        assertThat(split.exit()).as(split.stderr()).isZero();
        assertThat(split.json().get("held_out_classes")).hasSize(CLASSES / 4);

        CommandRun trained = CommandRun.of("train", "--model", "tfidf", "--data", dir.resolve("oos-train.csv").toString(),
                "--test", dir.resolve("oos-test.csv").toString(), "--out", dir.resolve("model").toString());
        assertThat(trained.exit()).as(trained.stderr()).isZero();
        assertThat(dir.resolve("model/oos.json")).exists();

        CommandRun evaluated = CommandRun.of("evaluate", "--model-dir", dir.resolve("model").toString(),
                "--data", dir.resolve("oos-test.csv").toString(), "--oos-label", "oos");
        assertThat(evaluated.exit()).as(evaluated.stderr()).isZero();
        JsonNode result = evaluated.json();
        assertThat(result.has("accuracy")).isTrue();
        assertThat(result.has("coverage_curve")).isTrue();
        assertThat(result.get("n_oos").asInt()).isEqualTo(split.json().get("n_test_oos").asInt());
        assertThat(result.get("oos_auroc").asDouble()).isGreaterThan(MIN_AUROC);
        assertThat(result.get("oos_recall").asDouble()).isGreaterThan(0);
        assertThat(result.get("in_scope_accuracy").asDouble()).isBetween(0.5, 1.0);
        assertThat(result.get("oos_methods").has(result.get("oos_method").asText())).isTrue();

        CommandRun ownLabel = CommandRun.of("evaluate", "--model-dir", dir.resolve("model").toString(),
                "--data", dir.resolve("oos-test.csv").toString(), "--oos-label", result.get("per_class").fieldNames().next());
        assertThat(ownLabel.exit()).isEqualTo(1);
    }
}

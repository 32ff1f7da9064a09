package ai.callcenter.tools.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.mlflow.MlflowArtifacts;
import ai.callcenter.mlflow.MlflowRest;
import ai.callcenter.mlflow.MlflowRuns;
import ai.callcenter.mlflow.MlflowRuns.LoggedRun;
import ai.callcenter.mlflow.ModelRegistry;
import ai.callcenter.mlflow.ModelVersion;
import ai.callcenter.mlflow.testing.LoggedText;
import ai.callcenter.testing.MlflowServer;
import ai.callcenter.tools.CommandRun;
import ai.callcenter.tools.TestPiiModels;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train with MLFLOW_TRACKING_URI set, against the real MLflow server and its PostgreSQL (scripts/mlflow.sh). */
class TrackedTrainingTest {

    /** Personal data seeded into the raw tickets; none of it may reach MLflow. */
    static final List<String> SEEDED_PII = List.of("jane.whitfield@example.com", "+44 20 7946 0958", "Whitfield",
            "GB82 WEST 1234 5698 7654 32", "4111 1111 1111 1111");

    static URI mlflow;
    static MlflowRest rest;

    @BeforeAll
    static void start() {
        mlflow = MlflowServer.uri();
        rest = new MlflowRest(mlflow, Duration.ofMinutes(1));
        System.setProperty("callcenter.language.languages", "ENGLISH,GERMAN");
        System.setProperty(TestPiiModels.PROPERTY, TestPiiModels.directory().toString());
        System.setProperty(TrackingServer.PROPERTY, mlflow.toString());
    }

    @AfterAll
    static void stop() {
        System.clearProperty("callcenter.language.languages");
        System.clearProperty(TestPiiModels.PROPERTY);
        System.clearProperty(TrackingServer.PROPERTY);
    }

    /** Three kinds of ticket, every fifth carrying one of the seeded values. */
    static Path rawTickets(Path dir) throws IOException {
        List<String> lines = new ArrayList<>(List.of("text,label"));
        List<String> topics = List.of("card", "transfer", "refund");
        List<String> wordings = List.of("my %s does not work", "question about my %s", "help with the %s please",
                "what happened to my %s", "the %s is wrong again");
        List<String> pii = List.of("email me at jane.whitfield@example.com", "call me on +44 20 7946 0958",
                "my name is Jane Whitfield", "my IBAN is GB82 WEST 1234 5698 7654 32", "card number 4111 1111 1111 1111");
        for (int i = 0; i < 150; i++) {
            String topic = topics.get(i % 3);
            String text = wordings.get(i / 3 % wordings.size()).formatted(topic) + " " + i;
            if (i % 5 == 0) {
                text += ", " + pii.get(i / 5 % pii.size());
            }
            lines.add("\"" + text + "\"," + topic);
        }
        Path file = dir.resolve("raw.csv");
        Files.write(file, lines);
        return file;
    }

    @Test
    void aTrackedTrainLogsTheRunWithPicturesAndRegistersTheModelWithoutPersonalData(@TempDir Path dir) throws IOException {
        Path raw = rawTickets(dir);
        String experiment = "tracked-train-" + UUID.randomUUID();
        // a name of its own: the developer's ticket-tfidf (what services follow) never gets test versions
        String registered = "ticket-tfidf-test-" + UUID.randomUUID();

        CommandRun refused = CommandRun.of("train", "--model", "tfidf", "--data", raw.toString(), "--experiment", experiment,
                "--out", dir.resolve("refused").toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stderr()).contains("hold personal data").contains("scrub-data");
        SEEDED_PII.forEach(value -> assertThat(refused.stderr()).doesNotContain(value));
        assertThat(new MlflowRuns(rest).ofExperiment(experiment)).isEmpty();

        Path scrubbed = dir.resolve("tickets.csv");
        CommandRun scrub = CommandRun.of("scrub-data", "--data", raw.toString(), "--out", scrubbed.toString());
        assertThat(scrub.exit()).as(scrub.stderr()).isZero();
        CommandRun train = CommandRun.of("train", "--model", "tfidf", "--data", scrubbed.toString(), "--experiment", experiment,
                "--registered-model", registered, "--seed", "7", "--out", dir.resolve("model").toString());
        assertThat(train.exit()).as(train.stderr()).isZero();
        JsonNode result = train.json();
        assertThat(result.get("mlflow_experiment").asText()).isEqualTo(experiment);
        assertThat(result.get("registered_model").asText()).isEqualTo(registered);

        LoggedRun run = new MlflowRuns(rest).get(result.get("mlflow_run_id").asText());
        assertThat(run.status()).isEqualTo("FINISHED");
        assertThat(run.params()).containsEntry("model_type", "tfidf").containsEntry("seed", "7")
                .containsKeys("data_sha256", "git_commit", "n_train", "solver", "c");
        assertThat(run.metrics()).containsKeys("accuracy", "macro_f1", "weighted_f1", "ece", "train_seconds",
                "coverage_at_0.9", "f1.card", "f1.transfer", "f1.refund");
        assertThat(run.metrics().get("accuracy")).isEqualTo(result.get("accuracy").asDouble());
        assertThat(run.tags()).containsEntry("dataset", experiment).containsEntry("model_type", "tfidf");

        MlflowArtifacts artifacts = new MlflowArtifacts(rest);
        assertThat(artifacts.list(run.artifactUri())).extracting(MlflowArtifacts.Entry::path).contains("model", "metrics.json",
                "confusion_matrix.png", "reliability.png", "coverage.png", "report.html");
        Path back = dir.resolve("back");
        artifacts.downloadDirectory(run.artifactUri(), back);
        for (String picture : List.of("confusion_matrix.png", "reliability.png", "coverage.png")) {
            byte[] png = Files.readAllBytes(back.resolve(picture));
            assertThat(png).as(picture).startsWith(0x89, 'P', 'N', 'G').hasSizeGreaterThan(2_000);
        }
        String report = Files.readString(back.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(report.split("src=\"data:image/png;base64,", -1)).hasSize(4);
        assertThat(back.resolve("model").resolve("metadata.json")).exists();

        ModelVersion version = new ModelRegistry(rest).version(registered, result.get("registered_version").asText());
        assertThat(version.runId()).isEqualTo(run.runId());
        assertThat(version.source()).isEqualTo(run.artifactUri() + "/model");
        assertThat(version.tags()).containsEntry("dataset", experiment).containsEntry("data_sha256", run.params().get("data_sha256"))
                .containsKeys("git_commit", "accuracy", "ece");

        String logged = LoggedText.of(mlflow, run.runId(), dir.resolve("scan"));
        assertThat(logged).as("the scan reads the model's vocabulary").contains("vocabulary-words.tsv", "\nrefund\t");
        SEEDED_PII.forEach(value -> assertThat(logged).as("MLflow holds seeded personal data").doesNotContain(value));
    }

    @Test
    void anUnreachableServerStopsATrackedTrainBeforeItTrains(@TempDir Path dir) throws IOException {
        System.setProperty(TrackingServer.PROPERTY, "http://127.0.0.1:1");
        try {
            CommandRun train = CommandRun.of("train", "--model", "tfidf", "--data", rawTickets(dir).toString(),
                    "--out", dir.resolve("model").toString());
            assertThat(train.exit()).isEqualTo(1);
            assertThat(train.stderr()).contains("MLFLOW_TRACKING_URI=http://127.0.0.1:1 does not answer", "scripts/mlflow.sh start");
            assertThat(dir.resolve("model")).doesNotExist();
        } finally {
            System.setProperty(TrackingServer.PROPERTY, mlflow.toString());
        }
    }
}

package ai.callcenter.tools.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.mlflow.MlflowArtifacts;
import ai.callcenter.mlflow.MlflowRest;
import ai.callcenter.mlflow.MlflowRuns;
import ai.callcenter.mlflow.MlflowRuns.LoggedRun;
import ai.callcenter.mlflow.ModelRegistry;
import ai.callcenter.mlflow.ModelVersion;
import ai.callcenter.mlflow.testing.LoggedText;
import ai.callcenter.testing.FakeClassifierServer;
import ai.callcenter.testing.MlflowServer;
import ai.callcenter.tools.CommandRun;
import ai.callcenter.tools.TestPiiModels;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit-router with MLFLOW_TRACKING_URI set: the real MLflow server, classifiers impersonated over real HTTP. */
class TrackedRouterFitTest {

    static URI mlflow;
    static FakeClassifierServer tfidf;
    static FakeClassifierServer transformer;

    @BeforeAll
    static void start() throws IOException {
        mlflow = MlflowServer.uri();
        System.setProperty("callcenter.language.languages", "ENGLISH,GERMAN");
        System.setProperty(TestPiiModels.PROPERTY, TestPiiModels.directory().toString());
        System.setProperty(TrackingServer.PROPERTY, mlflow.toString());
        tfidf = new FakeClassifierServer("tfidf-v7", 0.95, 0.5, 0);
        tfidf.blindTo("again"); // unsure and wrong on one wording in five
        transformer = new FakeClassifierServer("transformer-v3", 0.9, 0.9, 0);
    }

    @AfterAll
    static void stop() {
        System.clearProperty("callcenter.language.languages");
        System.clearProperty(TestPiiModels.PROPERTY);
        System.clearProperty(TrackingServer.PROPERTY);
        tfidf.close();
        transformer.close();
    }

    @Test
    void aTrackedFitLogsTheRoutingWithItsCurveAndRegistersIt(@TempDir Path dir) throws IOException {
        Path data = TrackedTrainingTest.rawTickets(dir);
        String experiment = "tracked-router-" + UUID.randomUUID();
        String registered = "ticket-router-test-" + UUID.randomUUID();
        Path out = dir.resolve("router.json");

        CommandRun fit = CommandRun.of("fit-router", "--data", data.toString(), "--first-url", tfidf.url(),
                "--second-url", transformer.url(), "--out", out.toString(), "--min-segment", "10", "--experiment", experiment,
                "--registered-model", registered);

        assertThat(fit.exit()).as(fit.stderr()).isZero();
        JsonNode result = fit.json();
        assertThat(result.get("registered_model").asText()).isEqualTo(registered);
        MlflowRest rest = new MlflowRest(mlflow, Duration.ofMinutes(1));
        LoggedRun run = new MlflowRuns(rest).get(result.get("mlflow_run_id").asText());
        assertThat(run.status()).isEqualTo("FINISHED");
        assertThat(run.params()).containsEntry("first_version", "tfidf-v7").containsEntry("second_version", "transformer-v3")
                .containsEntry("min_segment", "10").containsKeys("data_sha256", "git_commit", "combination");
        assertThat(run.metrics().get("accuracy")).isEqualTo(result.get("validation").get("accuracy").asDouble());
        assertThat(run.metrics()).containsKeys("second_share", "first_accuracy", "review_threshold", "second_weight",
                "accuracy.en", "threshold.en_normal");

        MlflowArtifacts artifacts = new MlflowArtifacts(rest);
        Path back = dir.resolve("back");
        artifacts.downloadDirectory(run.artifactUri(), back);
        assertThat(back.resolve("router").resolve("router.json")).hasSameTextualContentAs(out);
        assertThat(Files.readAllBytes(back.resolve("threshold_curve.png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(back.resolve("report.html"))).contains("data:image/png;base64,");

        ModelVersion version = new ModelRegistry(rest).version(registered, result.get("registered_version").asText());
        assertThat(version.source()).isEqualTo(run.artifactUri() + "/router");
        assertThat(version.tags()).containsEntry("first_version", "tfidf-v7").containsEntry("dataset", experiment);

        String logged = LoggedText.of(mlflow, run.runId(), dir.resolve("scan"));
        TrackedTrainingTest.SEEDED_PII.forEach(value -> assertThat(logged).doesNotContain(value));
    }
}

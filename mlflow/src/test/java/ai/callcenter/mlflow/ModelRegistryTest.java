package ai.callcenter.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.callcenter.testing.MlflowServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry and the artifact proxy against the real MLflow server (scripts/mlflow.sh). */
class ModelRegistryTest {

    private final MlflowRest rest = new MlflowRest(MlflowServer.uri(), Duration.ofSeconds(30));
    private final ModelRegistry registry = new ModelRegistry(rest);
    private final MlflowArtifacts artifacts = new MlflowArtifacts(rest);

    /** A run in the Default experiment, created over REST; returns its artifact URI and id. */
    private String[] newRun() {
        JsonNode info = rest.post("/api/2.0/mlflow/runs/create", Map.of("experiment_id", "0", "run_name", "registry-test"))
                .path("run").path("info");
        return new String[] {info.path("artifact_uri").asText(), info.path("run_id").asText()};
    }

    @Test
    void aDirectoryGoesUpWithARunAndComesBackThroughTheRegistry(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        Files.createDirectories(model.resolve("sub dir"));
        Files.writeString(model.resolve("metadata.json"), "{\"model_type\":\"test\"}");
        Files.write(model.resolve("sub dir").resolve("weights.bin"), new byte[] {0, 1, 2, 3, (byte) 255});
        String[] run = newRun();
        artifacts.uploadDirectory(run[0], "model", model);
        assertThat(artifacts.list(run[0])).extracting(MlflowArtifacts.Entry::path).containsExactly("model");

        String name = "registry-test-" + UUID.randomUUID();
        registry.ensureRegisteredModel(name, "test");
        registry.ensureRegisteredModel(name, "test"); // idempotent
        ModelVersion v1 = registry.createVersion(name, run[0] + "/model", run[1], Map.of("dataset", "unit"));
        assertThat(v1.version()).isEqualTo("1");
        assertThat(v1.tags()).containsEntry("dataset", "unit");
        assertThat(registry.byAlias(name, "champion")).isEmpty();
        registry.setAlias(name, "champion", v1.version());

        ModelVersion champion = registry.resolve(ModelUri.parse("models:/" + name + "@champion"));
        assertThat(champion.version()).isEqualTo("1");
        assertThat(champion.aliases()).contains("champion");
        Path back = dir.resolve("back");
        assertThat(artifacts.downloadDirectory(champion.source(), back)).isEqualTo(2);
        assertThat(Files.readString(back.resolve("metadata.json"))).isEqualTo("{\"model_type\":\"test\"}");
        assertThat(Files.readAllBytes(back.resolve("sub dir").resolve("weights.bin"))).containsExactly(0, 1, 2, 3, (byte) 255);

        ModelVersion v2 = registry.createVersion(name, run[0] + "/model", run[1], Map.of());
        assertThat(registry.latest(name)).map(ModelVersion::version).contains(v2.version());
        assertThat(registry.resolve(ModelUri.parse("models:/" + name + "/2")).version()).isEqualTo("2");
        registry.setVersionTag(name, "2", "accuracy", "0.9");
        assertThat(registry.version(name, "2").tags()).containsEntry("accuracy", "0.9");
    }

    @Test
    void aMissingModelOrAliasIsAClearError() {
        String name = "missing-" + UUID.randomUUID();
        assertThat(registry.byAlias(name, "champion")).isEmpty();
        assertThat(registry.latest(name)).isEmpty();
        assertThatThrownBy(() -> registry.resolve(ModelUri.parse("models:/" + name + "@champion")))
                .isInstanceOf(MlflowException.class).hasMessageContaining("champion");
    }

    @Test
    void anUnreachableServerSaysSo() {
        MlflowRest nowhere = new MlflowRest(java.net.URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2));
        assertThatThrownBy(() -> new ModelRegistry(nowhere).latest("x"))
                .isInstanceOfSatisfying(MlflowException.class, e -> assertThat(e.unreachable()).isTrue());
    }

    @Test
    void modelUrisNameAVersionOrAnAlias() {
        assertThat(ModelUri.parse("models:/ticket-tfidf@champion")).isEqualTo(new ModelUri("ticket-tfidf", "champion", null));
        assertThat(ModelUri.parse("models:/ticket-tfidf/3")).isEqualTo(new ModelUri("ticket-tfidf", null, "3"));
        assertThat(ModelUri.parse("models:/ticket-tfidf/3").toString()).isEqualTo("models:/ticket-tfidf/3");
        assertThatThrownBy(() -> ModelUri.parse("runs:/abc/model")).hasMessageContaining("models:/NAME@ALIAS");
        assertThatThrownBy(() -> MlflowArtifacts.storePath("s3://bucket/x")).hasMessageContaining("--serve-artifacts");
        assertThat(MlflowArtifacts.storePath("mlflow-artifacts:/1/abc/artifacts/model")).isEqualTo("1/abc/artifacts/model");
        assertThat(MlflowArtifacts.storePath("mlflow-artifacts://host:5000/1/abc/artifacts")).isEqualTo("1/abc/artifacts");
    }
}

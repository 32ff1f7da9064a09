package ai.callcenter.mlflow.testing;

import ai.callcenter.mlflow.MlflowArtifacts;
import ai.callcenter.mlflow.MlflowRest;
import ai.callcenter.mlflow.ModelRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Registers model directories in the real MLflow server as the tools do: a run holds the files, a version points at them. */
public final class TestRegistry {

    private final MlflowRest rest;
    private final ModelRegistry registry;

    public TestRegistry(URI trackingUri) {
        this.rest = new MlflowRest(trackingUri, Duration.ofMinutes(1));
        this.registry = new ModelRegistry(rest);
    }

    /** A registered-model name no other test uses. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** Uploads {@code dir} under a new run and registers it as the next version of {@code name}; returns the version. */
    public String register(String name, Path dir) {
        JsonNode info = rest.post("/api/2.0/mlflow/runs/create", Map.of("experiment_id", "0", "run_name", "test-" + name))
                .path("run").path("info");
        String artifactUri = info.path("artifact_uri").asText();
        new MlflowArtifacts(rest).uploadDirectory(artifactUri, "model", dir);
        registry.ensureRegisteredModel(name, "test model");
        return registry.createVersion(name, artifactUri + "/model", info.path("run_id").asText(), Map.of()).version();
    }

    public void setAlias(String name, String alias, String version) {
        registry.setAlias(name, alias, version);
    }
}

package ai.callcenter.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** MLflow's model registry over REST: registered models, their versions, tags and aliases. */
public final class ModelRegistry {

    private static final String API = "/api/2.0/mlflow";

    private final MlflowRest rest;

    public ModelRegistry(MlflowRest rest) {
        this.rest = rest;
    }

    /** Creates the registered model unless it exists. */
    public void ensureRegisteredModel(String name, String description) {
        try {
            rest.get(API + "/registered-models/get", Map.of("name", name));
        } catch (MlflowException e) {
            if (!e.notFound()) {
                throw e;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("description", description);
            rest.post(API + "/registered-models/create", body);
        }
    }

    /** Registers the files at {@code source} (under run {@code runId}) as the next version of {@code name}. */
    public ModelVersion createVersion(String name, String source, String runId, Map<String, String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("source", source);
        body.put("run_id", runId);
        body.put("tags", tags.entrySet().stream().map(e -> Map.of("key", e.getKey(), "value", e.getValue())).toList());
        return ModelVersion.of(rest.post(API + "/model-versions/create", body).path("model_version"));
    }

    public ModelVersion version(String name, String version) {
        return ModelVersion.of(rest.get(API + "/model-versions/get", Map.of("name", name, "version", version))
                .path("model_version"));
    }

    /** The version an alias points at, or empty when the alias (or the model) does not exist. */
    public Optional<ModelVersion> byAlias(String name, String alias) {
        try {
            return Optional.of(ModelVersion.of(rest.get(API + "/registered-models/alias", Map.of("name", name, "alias", alias))
                    .path("model_version")));
        } catch (MlflowException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The highest version of {@code name}, or empty when it has none. */
    public Optional<ModelVersion> latest(String name) {
        JsonNode versions = rest.get(API + "/model-versions/search", Map.of("filter", "name='" + name.replace("'", "") + "'",
                "order_by", "version_number DESC", "max_results", "1")).path("model_versions");
        return versions.isEmpty() ? Optional.empty() : Optional.of(ModelVersion.of(versions.get(0)));
    }

    /** Every version of {@code name}, newest first. */
    public List<ModelVersion> versions(String name) {
        JsonNode versions = rest.get(API + "/model-versions/search", Map.of("filter", "name='" + name.replace("'", "") + "'",
                "order_by", "version_number DESC", "max_results", "1000")).path("model_versions");
        List<ModelVersion> out = new ArrayList<>();
        versions.forEach(v -> out.add(ModelVersion.of(v)));
        return out;
    }

    /** The version a URI names: its fixed version, or where its alias points now. */
    public ModelVersion resolve(ModelUri uri) {
        if (uri.followsAlias()) {
            return byAlias(uri.name(), uri.alias()).orElseThrow(() -> new MlflowException(
                    "no version of " + uri.name() + " has the alias '" + uri.alias() + "'", 404, MlflowException.NOT_FOUND, null));
        }
        return version(uri.name(), uri.version());
    }

    public void setAlias(String name, String alias, String version) {
        rest.post(API + "/registered-models/alias", Map.of("name", name, "alias", alias, "version", version));
    }

    public void setVersionTag(String name, String version, String key, String value) {
        rest.post(API + "/model-versions/set-tag", Map.of("name", name, "version", version, "key", key, "value", value));
    }
}

package ai.callcenter.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One registered version of a model.
 *
 * @param source  where its files are (an {@code mlflow-artifacts:} URI under the run that made it)
 * @param status  READY once the registry accepted it
 */
public record ModelVersion(String name, String version, String source, String runId, String status,
                           Map<String, String> tags, List<String> aliases) {

    public ModelVersion {
        tags = Map.copyOf(tags);
        aliases = List.copyOf(aliases);
    }

    static ModelVersion of(JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : node.path("tags")) {
            tags.put(tag.path("key").asText(), tag.path("value").asText());
        }
        List<String> aliases = new ArrayList<>();
        node.path("aliases").forEach(a -> aliases.add(a.asText()));
        return new ModelVersion(node.path("name").asText(), node.path("version").asText(), node.path("source").asText(),
                node.path("run_id").asText(null), node.path("status").asText(), tags, aliases);
    }
}

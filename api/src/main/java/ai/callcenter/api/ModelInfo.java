package ai.callcenter.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The part of a classifier's {@code GET /model} metadata the agent needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelInfo(@JsonProperty("model_type") String modelType, String version, List<String> labels) {

    public ModelInfo {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}

package ai.callcenter.agent.downstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The part of a classifier's {@code GET /model} metadata the agent needs. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelInfo(String modelType, String version, List<String> labels) {

    public ModelInfo {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}

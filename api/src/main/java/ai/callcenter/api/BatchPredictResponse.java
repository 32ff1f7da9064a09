package ai.callcenter.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchPredictResponse(List<ClassifierResponse> items, @JsonProperty("model_version") String modelVersion, @JsonProperty("processing_time") double processingTime) {
}

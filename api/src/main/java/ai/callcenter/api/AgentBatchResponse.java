package ai.callcenter.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Answers in request order and the total time spent on the batch, in seconds. */
public record AgentBatchResponse(List<AgentResponse> items, @JsonProperty("processing_time") double processingTime) {
}

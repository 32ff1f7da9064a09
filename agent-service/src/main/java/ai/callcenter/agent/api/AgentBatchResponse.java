package ai.callcenter.agent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Answers in request order and the total time spent on the batch, in seconds. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AgentBatchResponse(List<AgentResponse> items, double processingTime) {
}

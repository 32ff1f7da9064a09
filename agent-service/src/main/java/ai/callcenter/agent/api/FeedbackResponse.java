package ai.callcenter.agent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * @param correct   whether the agent's answer matched
 * @param models    per model that answered the ticket: whether it was right
 * @param language  language the outcome was counted under
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FeedbackResponse(String ticketId, boolean correct, String language, Map<String, Boolean> models) {
}

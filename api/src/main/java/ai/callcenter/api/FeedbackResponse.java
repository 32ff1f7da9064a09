package ai.callcenter.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * @param correct   whether the agent's answer matched
 * @param models    per model that answered the ticket: whether it was right
 * @param language  language the outcome was counted under
 */
public record FeedbackResponse(@JsonProperty("ticket_id") String ticketId, boolean correct, String language, Map<String, Boolean> models) {
}

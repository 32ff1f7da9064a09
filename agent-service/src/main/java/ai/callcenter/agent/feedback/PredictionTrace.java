package ai.callcenter.agent.feedback;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * What each model answered for a ticket, kept (under a hash of the ticket id) until feedback
 * arrives. Categories are label names, never ticket text.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PredictionTrace(String language, Map<String, String> modelCategories, String finalCategory, String modelUsed) {
}

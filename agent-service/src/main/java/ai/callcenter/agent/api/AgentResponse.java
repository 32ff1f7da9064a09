package ai.callcenter.agent.api;

import ai.callcenter.common.api.ScoredCategory;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The agent's answer for one ticket. Never carries ticket text or personal data: {@code pii_types}
 * names the kinds of values that were removed before anything else saw the ticket.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ticket_id", "category", "confidence", "model_used", "processing_time", "language", "pii_types",
        "route_reason", "needs_review", "degraded", "cached", "top_k"})
public record AgentResponse(
        @Schema(description = "echoed from the request") String ticketId,
        @Schema(example = "card_arrival") String category,
        @Schema(description = "calibrated probability of the category", example = "0.93") double confidence,
        @Schema(description = "tfidf, transformer, tfidf+transformer (both answers pooled), optionally +llm", example = "tfidf")
        String modelUsed,
        @Schema(description = "seconds spent in the agent for this ticket", example = "0.004") double processingTime,
        @Schema(description = "ISO 639-1 code of the detected language, und when undetermined", example = "en")
        String language,
        @Schema(description = "kinds of personal data removed before routing (never the values)") List<String> piiTypes,
        @Schema(description = "why this model answered") String routeReason,
        @Schema(description = "confidence is below the review bar: a human should check") boolean needsReview,
        @Schema(description = "a fallback was used because a classifier was unavailable") boolean degraded,
        @Schema(description = "served from the answer cache") boolean cached,
        List<ScoredCategory> topK) {

    public AgentResponse withTicket(String newTicketId, double newProcessingTime, boolean isCached) {
        return new AgentResponse(newTicketId, category, confidence, modelUsed, newProcessingTime, language, piiTypes,
                routeReason, needsReview, degraded, isCached, topK);
    }
}

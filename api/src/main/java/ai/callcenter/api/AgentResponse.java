package ai.callcenter.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The agent's answer for one ticket. Never carries ticket text or personal data: {@code pii_types}
 * names the kinds of values that were removed before anything else saw the ticket. An out-of-scope
 * ticket keeps its best-guess {@code category} but is sent for review ({@code needs_review}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ticket_id", "category", "confidence", "model_used", "processing_time", "language", "pii_types",
        "route_reason", "needs_review", "out_of_scope", "oos_score", "degraded", "cached", "top_k"})
public record AgentResponse(
        @Schema(description = "echoed from the request") @JsonProperty("ticket_id") String ticketId,
        @Schema(example = "card_arrival") String category,
        @Schema(description = "calibrated probability of the category", example = "0.93") double confidence,
        @Schema(description = "tfidf, transformer, transformer:cross-lingual (its head for languages tfidf was not trained on), "
                + "tfidf+transformer (both answers pooled), optionally +llm", example = "tfidf")
        @JsonProperty("model_used") String modelUsed,
        @Schema(description = "seconds spent in the agent for this ticket", example = "0.004") @JsonProperty("processing_time") double processingTime,
        @Schema(description = "ISO 639-1 code of the detected language, und when undetermined", example = "en")
        String language,
        @Schema(description = "kinds of personal data removed before routing (never the values)") @JsonProperty("pii_types") List<String> piiTypes,
        @Schema(description = "why this model answered") @JsonProperty("route_reason") String routeReason,
        @Schema(description = "confidence is below the review bar, or the ticket looks out of scope: a human should check")
        @JsonProperty("needs_review") boolean needsReview,
        @Schema(description = "the deciding classifier found the ticket unlike all of its categories; category is only its best guess")
        @JsonProperty("out_of_scope") boolean outOfScope,
        @Schema(description = "the deciding classifier's out-of-scope score, in standard deviations above a typical in-scope ticket "
                + "(higher = more likely out of scope); null when its model has no detector", example = "-0.4")
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("oos_score") Double oosScore,
        @Schema(description = "a fallback was used because a classifier was unavailable") boolean degraded,
        @Schema(description = "served from the answer cache") boolean cached,
        @JsonProperty("top_k") List<ScoredCategory> topK) {

    public AgentResponse withTicket(String newTicketId, double newProcessingTime, boolean isCached) {
        return new AgentResponse(newTicketId, category, confidence, modelUsed, newProcessingTime, language, piiTypes,
                routeReason, needsReview, outOfScope, oosScore, degraded, isCached, topK);
    }
}

package ai.callcenter.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a classifier service answers for one ticket. {@code processing_time} is in seconds, as the
 * agent's public contract has it. {@code oov_rate} is the share of the text's words the model's
 * vocabulary has never seen, when the model can tell (the agent's router uses it). Readers ignore
 * fields they do not know, so a newer classifier can add some without breaking an older agent.
 * {@code out_of_scope} says the ticket looks like none of the model's categories ({@code category}
 * is still its best guess); {@code oos_score} is the detector's score in standard deviations above
 * a typical in-scope ticket (higher = more likely out of scope), null from a model trained without
 * a detector (docs/out-of-scope.md). {@code head} names the head that answered when it is not the
 * model's main one ({@code cross-lingual}: the ticket's language is not the training texts').
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClassifierResponse(
        @JsonProperty("ticket_id") String ticketId,
        String category,
        double confidence,
        @JsonProperty("top_k") List<ScoredCategory> topK,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("processing_time") double processingTime,
        Boolean cached,
        @JsonProperty("oov_rate") Double oovRate,
        @JsonProperty("out_of_scope") boolean outOfScope,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("oos_score") Double oosScore,
        String head) {

    /** An answer without an out-of-scope verdict (a model without a detector). */
    public ClassifierResponse(String ticketId, String category, double confidence, List<ScoredCategory> topK,
                              String modelVersion, double processingTime, Boolean cached, Double oovRate) {
        this(ticketId, category, confidence, topK, modelVersion, processingTime, cached, oovRate, false, null, null);
    }

    public ClassifierResponse {
        topK = topK == null ? List.of() : List.copyOf(topK);
    }
}

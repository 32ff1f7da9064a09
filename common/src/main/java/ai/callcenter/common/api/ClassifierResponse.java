package ai.callcenter.common.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What a classifier service answers for one ticket. {@code processing_time} is in seconds, as the
 * agent's public contract has it. {@code oov_rate} is the share of the text's words the model's
 * vocabulary has never seen, when the model can tell (the agent's router uses it). Readers ignore
 * fields they do not know, so a newer classifier can add some without breaking an older agent.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClassifierResponse(
        String ticketId,
        String category,
        double confidence,
        List<ScoredCategory> topK,
        String modelVersion,
        double processingTime,
        Boolean cached,
        Double oovRate) {

    public ClassifierResponse {
        topK = topK == null ? List.of() : List.copyOf(topK);
    }
}

package ai.callcenter.agent.downstream;

import ai.callcenter.common.api.ScoredCategory;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A classifier service's answer as the agent reads it: the shared {@code ClassifierResponse}
 * fields plus the optional {@code oov_rate} (share of the ticket's words outside the model's
 * vocabulary) that newer classifier versions add. Unknown fields are ignored so the downstream
 * contract can grow without breaking the agent.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DownstreamPrediction(
        String ticketId,
        String category,
        double confidence,
        List<ScoredCategory> topK,
        String modelVersion,
        double processingTime,
        Double oovRate) {

    public DownstreamPrediction {
        topK = topK == null ? List.of() : List.copyOf(topK);
    }
}

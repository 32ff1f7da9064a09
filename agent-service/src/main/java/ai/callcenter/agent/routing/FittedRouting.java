package ai.callcenter.agent.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The fitted routing (router.json) written by {@code bin/callcenter fit-router} and loaded by the agent at start-up
 * ({@code ROUTER_CONFIG}). Format described in docs/routing.md.
 *
 * @param format           file format version ({@link #FORMAT})
 * @param createdAt        ISO-8601 time of fitting
 * @param firstModel       name of the first model (tfidf)
 * @param secondModel      name of the second model (transformer)
 * @param firstVersion     model version the thresholds were fitted for
 * @param secondVersion    model version the thresholds were fitted for
 * @param trainingLanguage ISO code of the majority language of the validation data
 * @param secondWeight     weight of the second model's distribution when pooling (first gets 1 - w)
 * @param combination      how the two distributions are pooled; configs written before it existed
 *                         lack it and read as linear, which is how they pooled
 * @param reviewThreshold  final confidence below which an answer is flagged {@code needs_review}
 * @param complexity       bounds beyond which a ticket counts as "hard"
 * @param segments         cascade settings keyed {@code lang:normal}, {@code lang:hard}, {@code lang}, or {@code *}
 * @param validation       fitting summary (sizes, accuracies, threshold curve), informational
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FittedRouting(
        int format,
        String createdAt,
        String firstModel,
        String secondModel,
        String firstVersion,
        String secondVersion,
        String trainingLanguage,
        double secondWeight,
        Combiner.Rule combination,
        double reviewThreshold,
        Complexity complexity,
        Map<String, Segment> segments,
        Map<String, Object> validation) {

    public static final int FORMAT = 1;
    public static final String ANY = "*";

    public FittedRouting {
        combination = combination == null ? Combiner.Rule.LINEAR : combination;
    }

    /**
     * @param minTokens         fewer words than this is hard (too little evidence)
     * @param maxNonLetterRatio more digits + symbols than this share of characters is hard
     * @param maxOovRate        more unknown words than this share is hard (when the first model reports it)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Complexity(int minTokens, double maxNonLetterRatio, double maxOovRate) {
    }

    /**
     * @param threshold   first-model confidence at or above which its answer is accepted alone
     * @param useSecond   false when the second model did not improve accuracy on this segment's validation tickets
     * @param n           validation tickets in the segment
     * @param firstAccuracy     first model alone on them
     * @param routedAccuracy    the cascade at this threshold on them
     * @param secondShare       share of them sent to the second model
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Segment(double threshold, boolean useSecond, int n, Double firstAccuracy, Double routedAccuracy,
                          Double secondShare) {
    }

    /** The most specific segment for a language and difficulty, falling back to the language, then {@code *}. */
    public Map.Entry<String, Segment> segmentFor(String language, boolean hard) {
        for (String key : List.of(language + ":" + (hard ? "hard" : "normal"), language, ANY + ":" + (hard ? "hard" : "normal"), ANY)) {
            Segment s = segments == null ? null : segments.get(key);
            if (s != null) {
                return Map.entry(key, s);
            }
        }
        return null;
    }
}

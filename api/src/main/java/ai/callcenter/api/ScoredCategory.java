package ai.callcenter.api;

/** A candidate category with its calibrated probability. */
public record ScoredCategory(String category, double score) {
}

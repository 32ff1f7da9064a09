package ai.callcenter.ml.evaluation;

/**
 * At a confidence threshold: the share of tickets whose confidence reaches it (kept for automatic
 * handling) and the accuracy on those kept. The rest would go to human review.
 */
public record CoveragePoint(double threshold, double coverage, double accuracy) {
}

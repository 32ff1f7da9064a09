package ai.callcenter.ml.evaluation;

/**
 * One equal-width confidence bin of a reliability diagram: the examples whose confidence fell in
 * [lower, upper), their mean confidence and how many of them were right. A calibrated model has
 * accuracy close to mean confidence in every bin; ECE is the count-weighted gap.
 */
public record CalibrationBin(double lower, double upper, int count, double meanConfidence, double accuracy) {
}

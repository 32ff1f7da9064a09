package ai.callcenter.ml.evaluation;

public record ClassMetrics(double precision, double recall, double f1, int support) {
}

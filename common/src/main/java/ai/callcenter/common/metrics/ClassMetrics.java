package ai.callcenter.common.metrics;

public record ClassMetrics(double precision, double recall, double f1, int support) {
}

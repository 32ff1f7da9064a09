package ai.callcenter.ml.evaluation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** Held-out quality of a classifier: what `evaluate` prints and `metadata.json` stores. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ClassificationReport(
        int nTest,
        double accuracy,
        double macroF1,
        double weightedF1,
        double ece,
        Map<String, ClassMetrics> perClass,
        List<CoveragePoint> coverageCurve,
        ConfusionMatrix confusionMatrix,
        List<CalibrationBin> reliability) {

    /** Rows are true labels, columns predicted labels, both in {@code labels} order. */
    public record ConfusionMatrix(List<String> labels, int[][] counts) {
    }
}

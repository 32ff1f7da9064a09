package ai.callcenter.tools.promotion;

import ai.callcenter.ml.evaluation.ClassificationReport;
import ai.callcenter.mlflow.ModelVersion;
import java.util.Map;

/**
 * A registered version with its figures on the hold-out tickets.
 *
 * @param extra figures beyond the report's (a routing's share of tickets sent to the second model)
 */
public record ScoredVersion(ModelVersion version, ClassificationReport report, Map<String, Double> extra) {

    public ScoredVersion {
        extra = Map.copyOf(extra);
    }
}

package ai.callcenter.tools.training;

import ai.callcenter.ml.evaluation.ClassificationReport;
import ai.callcenter.ml.model.ModelMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON result of train and evaluate: the fields outside scripts read (README, "Command line"). */
final class Reports {

    private static final double SIX_DECIMALS = 1e6;

    private Reports() {
    }

    static Map<String, Object> summary(ClassificationReport report, ModelMetadata metadata) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", metadata.modelType());
        result.put("model_version", metadata.version());
        result.put("accuracy", round(report.accuracy()));
        result.put("macro_f1", round(report.macroF1()));
        result.put("weighted_f1", round(report.weightedF1()));
        result.put("ece", round(report.ece()));
        result.put("n_test", report.nTest());
        result.put("per_class", report.perClass());
        result.put("coverage_curve", report.coverageCurve());
        result.put("confusion_matrix", report.confusionMatrix());
        return result;
    }

    static double round(double value) {
        return Math.round(value * SIX_DECIMALS) / SIX_DECIMALS;
    }
}

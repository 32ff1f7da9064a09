package ai.callcenter.tools.training;

import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.evaluation.ModelEvaluation;
import ai.callcenter.ml.evaluation.OosReport;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.oos.ScopeModel;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code evaluate --oos-label}: rows with that label are out of scope; the served detector's figures
 * join the result's top level and every stored detector's go under {@code oos_methods}.
 */
final class OosEvaluation {

    private OosEvaluation() {
    }

    /** A method's figures: the report at its fitted threshold, and the best recall at the accuracy bar. */
    record MethodFigures(@JsonUnwrapped OosReport atThreshold,
                         @JsonProperty("recall_at_in_scope_accuracy_bar") double recallAtBar) {
    }

    static void addTo(Map<String, Object> result, TextClassifier classifier, List<LabeledText> data, ModelEvaluation.Run run,
                      String oosLabel, double accuracyBar) {
        ScopeModel scope = classifier.scope().orElseThrow(() -> new IllegalArgumentException(
                "the model directory has no out-of-scope detector (oos.json); retrain it to use --oos-label"));
        if (classifier.labels().contains(oosLabel)) {
            throw new IllegalArgumentException("--oos-label " + oosLabel + " is one of the model's own categories");
        }
        int n = data.size();
        boolean[] outOfScope = new boolean[n];
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            outOfScope[i] = data.get(i).label().equals(oosLabel);
            correct[i] = classifier.labels().get(run.predicted()[i]).equals(data.get(i).label());
        }
        // Every detector judges every ticket once; the Mahalanobis one costs a 768 x 768 product each.
        List<Map<String, ScopeModel.Verdict>> verdicts = run.answers().stream().map(a -> scope.judgeAll(a.oosInput())).toList();
        OosReport served = report(outOfScope, correct, verdicts, scope.served());
        result.put("oos_label", oosLabel);
        result.put("oos_method", scope.served());
        result.put("oos_recall", Reports.round(served.oosRecall()));
        result.put("oos_precision", served.oosPrecision() == null ? null : Reports.round(served.oosPrecision()));
        result.put("oos_auroc", Reports.round(served.oosAuroc()));
        result.put("in_scope_accuracy", Reports.round(served.inScopeAccuracy()));
        result.put("in_scope_flagged", Reports.round(served.inScopeFlagged()));
        result.put("in_scope_kept_accuracy", served.inScopeKeptAccuracy() == null ? null : Reports.round(served.inScopeKeptAccuracy()));
        result.put("n_oos", served.nOos());
        result.put("in_scope_accuracy_bar", accuracyBar);
        Map<String, Object> methods = new LinkedHashMap<>();
        for (String method : verdicts.get(0).keySet()) {
            double[] score = verdicts.stream().mapToDouble(v -> v.get(method).score()).toArray();
            methods.put(method, new MethodFigures(report(outOfScope, correct, verdicts, method),
                    Reports.round(OosReport.recallAtInScopeAccuracy(outOfScope, score, correct, accuracyBar))));
        }
        result.put("oos_methods", methods);
    }

    private static OosReport report(boolean[] outOfScope, boolean[] correct, List<Map<String, ScopeModel.Verdict>> verdicts,
                                    String method) {
        int n = verdicts.size();
        double[] score = new double[n];
        boolean[] flagged = new boolean[n];
        for (int i = 0; i < n; i++) {
            ScopeModel.Verdict verdict = verdicts.get(i).get(method);
            score[i] = verdict.score();
            flagged[i] = verdict.outOfScope();
        }
        return OosReport.of(outOfScope, score, flagged, correct);
    }
}

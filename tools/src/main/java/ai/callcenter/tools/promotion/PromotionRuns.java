package ai.callcenter.tools.promotion;

import ai.callcenter.ml.evaluation.ClassificationReport;
import ai.callcenter.mlflow.ModelRegistry;
import ai.callcenter.tools.tracking.Charts;
import ai.callcenter.tools.tracking.GitCommit;
import ai.callcenter.tools.tracking.HtmlReport;
import ai.callcenter.tools.tracking.TrackedRun;
import ai.callcenter.tools.tracking.TrackingServer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code promote} leaves in MLflow: one run comparing the candidate with the champion on the
 * same hold-out tickets (both sets of figures, the decision and its reason, whether it was forced),
 * and, when the candidate wins, the alias moved to it. The candidate version is tagged with the
 * decision and the run that made it.
 */
final class PromotionRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PromotionRuns() {
    }

    /**
     * @param settings the command's options and the hold-out data's name and hash
     * @return the fields the command adds to its JSON result
     */
    static Map<String, Object> record(TrackingServer server, String experiment, String alias, ScoredVersion candidate,
                                             Optional<ScoredVersion> champion, PromotionRule.Decision decision,
                                             Map<String, String> settings) {
        String name = candidate.version().name();
        try (TrackedRun run = TrackedRun.start(server, experiment, "promote " + name + " v" + candidate.version().version())) {
            Map<String, String> params = new LinkedHashMap<>(settings);
            params.put("registered_model", name);
            params.put("alias", alias);
            params.put("candidate_version", candidate.version().version());
            params.put("champion_version", champion.map(c -> c.version().version()).orElse("none"));
            params.put("forced", Boolean.toString(decision.forced()));
            params.put("git_commit", GitCommit.current());
            run.params(params);

            Map<String, Double> metrics = new LinkedHashMap<>(figures("candidate_", candidate));
            champion.ifPresent(c -> {
                metrics.putAll(figures("champion_", c));
                metrics.put("accuracy_delta", candidate.report().accuracy() - c.report().accuracy());
                metrics.put("ece_delta", candidate.report().ece() - c.report().ece());
            });
            run.metrics(metrics);

            String outcome = decision.promote() ? "promoted" : "kept";
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("registered_model", name);
            tags.put("decision", outcome);
            tags.put("forced", Boolean.toString(decision.forced()));
            tags.put("mlflow.note.content", decision.reason());
            run.tags(tags);

            Map<String, Object> comparison = new LinkedHashMap<>();
            comparison.put("decision", outcome);
            comparison.put("reason", decision.reason());
            comparison.put("params", params);
            comparison.put("metrics", metrics);
            run.bytes("comparison.json", json(comparison));
            HtmlReport report = new HtmlReport("promote " + name + " v" + candidate.version().version() + ": " + outcome)
                    .table("Decision", Map.of("outcome", outcome, "reason", decision.reason()))
                    .table("Figures (hold-out tickets)", metrics)
                    .picture("Candidate reliability", Charts.reliability(candidate.report()));
            champion.ifPresent(c -> report.picture("Champion reliability", Charts.reliability(c.report())));
            run.bytes("report.html", report.html().getBytes(StandardCharsets.UTF_8));

            ModelRegistry registry = server.registry();
            if (decision.promote()) {
                registry.setAlias(name, alias, candidate.version().version());
            }
            registry.setVersionTag(name, candidate.version().version(), "promotion_decision", outcome + (decision.forced() ? " (forced)" : ""));
            registry.setVersionTag(name, candidate.version().version(), "promotion_run_id", run.runId());
            run.finish(true);

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("mlflow_run_id", run.runId());
            result.put("mlflow_experiment", experiment);
            return result;
        }
    }

    private static Map<String, Double> figures(String prefix, ScoredVersion scored) {
        ClassificationReport r = scored.report();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(prefix + "accuracy", r.accuracy());
        figures.put(prefix + "macro_f1", r.macroF1());
        figures.put(prefix + "ece", r.ece());
        scored.extra().forEach((k, v) -> figures.put(prefix + k, v));
        return figures;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the comparison as JSON", e);
        }
    }
}

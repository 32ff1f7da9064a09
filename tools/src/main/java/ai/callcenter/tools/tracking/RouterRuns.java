package ai.callcenter.tools.tracking;

import ai.callcenter.agent.routing.FittedRouting;
import ai.callcenter.agent.routing.FittedRoutingFiles;
import ai.callcenter.mlflow.ModelVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tracked {@code fit-router} leaves in MLflow: a run with the fitting options, the validation
 * figures (overall, per segment and per language), the routing file, the threshold curve and an HTML
 * report, and the routing file registered as the next version of {@code ticket-router}.
 */
public final class RouterRuns {

    public static final String ROUTER_ARTIFACT = "router";

    private RouterRuns() {
    }

    /**
     * @param routerFile the file fit-router wrote
     * @param settings   the command's options and the validation data's name and hash
     * @return the fields the command adds to its JSON result
     */
    public static Map<String, Object> record(TrackingServer server, String experiment, String registeredModel, Path routerFile,
                                             FittedRouting fitted,
                                             Map<String, String> settings) {
        try (TrackedRun run = TrackedRun.start(server, experiment, "fit-router")) {
            String gitCommit = GitCommit.current();
            Map<String, String> params = new LinkedHashMap<>(settings);
            params.put("first_model", fitted.firstModel());
            params.put("second_model", fitted.secondModel());
            params.put("first_version", String.valueOf(fitted.firstVersion()));
            params.put("second_version", String.valueOf(fitted.secondVersion()));
            params.put("combination", fitted.combination().json());
            params.put("git_commit", gitCommit);
            run.params(params);

            Map<String, Double> metrics = new LinkedHashMap<>();
            Map<String, Object> validation = fitted.validation() == null ? Map.of() : fitted.validation();
            validation.forEach((key, value) -> {
                if (value instanceof Number number) {
                    metrics.put(key, number.doubleValue());
                }
            });
            if (validation.get("per_language") instanceof Map<?, ?> languages) {
                languages.forEach((language, figures) -> {
                    if (figures instanceof Map<?, ?> f && f.get("accuracy") instanceof Number accuracy) {
                        metrics.put("accuracy." + language, accuracy.doubleValue());
                    }
                });
            }
            metrics.put("second_weight", fitted.secondWeight());
            metrics.put("review_threshold", fitted.reviewThreshold());
            fitted.segments().forEach((segment, fit) -> metrics.put("threshold." + segment, fit.threshold()));
            run.metrics(metrics);

            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("dataset", experiment);
            tags.put("model_type", "router");
            tags.put("data_sha256", settings.getOrDefault("data_sha256", ""));
            tags.put("git_commit", gitCommit);
            tags.put("first_version", params.get("first_version"));
            tags.put("second_version", params.get("second_version"));
            run.tags(tags);

            // the agent reads this name, whatever fit-router --out called the file
            run.file(ROUTER_ARTIFACT + "/" + FittedRoutingFiles.REGISTERED_FILE, routerFile);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> curve = validation.get("curve") instanceof List<?> points
                    ? (List<Map<String, Object>>) points : List.of();
            byte[] thresholdCurve = Charts.thresholdCurve(curve);
            run.bytes("threshold_curve.png", thresholdCurve);
            Map<String, Object> headline = new LinkedHashMap<>();
            for (String key : List.of("n", "accuracy", "second_share", "first_accuracy", "second_accuracy", "flagged_share")) {
                headline.put(key, validation.get(key));
            }
            headline.put("review threshold", fitted.reviewThreshold());
            run.bytes("report.html", new HtmlReport("router on " + experiment)
                    .table("Figures (validation tickets)", headline)
                    .table("Parameters", params)
                    .picture("Threshold curve", thresholdCurve)
                    .html().getBytes(StandardCharsets.UTF_8));

            Map<String, String> versionTags = new LinkedHashMap<>(tags);
            versionTags.put("accuracy", String.valueOf(validation.get("accuracy")));
            versionTags.put("second_share", String.valueOf(validation.get("second_share")));
            ModelVersion version = run.register(registeredModel, "the agent's routing (bin/callcenter fit-router)",
                    ROUTER_ARTIFACT, versionTags);
            run.finish(true);
            return TrackedRun.resultFields(run, experiment, version);
        }
    }
}

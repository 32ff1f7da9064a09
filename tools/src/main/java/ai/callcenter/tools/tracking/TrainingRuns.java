package ai.callcenter.tools.tracking;

import ai.callcenter.ml.evaluation.ClassMetrics;
import ai.callcenter.ml.evaluation.ClassificationReport;
import ai.callcenter.ml.evaluation.CoveragePoint;
import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.mlflow.ModelVersion;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a tracked {@code train} leaves in MLflow: a run in the dataset's experiment with the
 * parameters, metrics, tags, the model directory, metrics.json, the pictures and one HTML report,
 * and the model registered as the next version of {@code ticket-<type>}.
 */
public final class TrainingRuns {

    /** The confidence at which the coverage metric is read (tickets answered without review). */
    static final double COVERAGE_THRESHOLD = 0.9;
    public static final String MODEL_ARTIFACT = "model";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingRuns() {
    }

    /**
     * @param settings what the run was given beyond the model's own parameters (seed, test source, columns)
     * @return the fields the command adds to its JSON result
     */
    public static Map<String, Object> record(TrackingServer server, String experiment, String registeredModel, Path modelDir,
                                             ModelMetadata metadata,
                                             ClassificationReport report, double trainSeconds, Map<String, String> settings) {
        try (TrackedRun run = TrackedRun.start(server, experiment, "train " + metadata.modelType())) {
            String gitCommit = GitCommit.current();
            Map<String, String> params = new LinkedHashMap<>(settings);
            params.put("model_type", metadata.modelType());
            params.put("data_sha256", metadata.dataSha256());
            params.put("git_commit", gitCommit);
            params.put("n_train", Integer.toString(metadata.nTrain()));
            params.put("n_test", Integer.toString(report.nTest()));
            metadata.params().forEach((k, v) -> params.put(k, text(v)));
            run.params(params);

            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("accuracy", report.accuracy());
            metrics.put("macro_f1", report.macroF1());
            metrics.put("weighted_f1", report.weightedF1());
            metrics.put("ece", report.ece());
            metrics.put("train_seconds", trainSeconds);
            for (CoveragePoint point : report.coverageCurve()) {
                if (point.threshold() == COVERAGE_THRESHOLD) {
                    metrics.put("coverage_at_0.9", point.coverage());
                    metrics.put("accuracy_at_0.9", point.accuracy());
                }
            }
            if (metadata.metrics() != null && metadata.metrics().get("validation") instanceof Map<?, ?> validation) {
                validation.forEach((k, v) -> {
                    if (v instanceof Number number) {
                        metrics.put("validation_" + k, number.doubleValue());
                    }
                });
            }
            for (Map.Entry<String, ClassMetrics> entry : report.perClass().entrySet()) {
                metrics.put("f1." + entry.getKey(), entry.getValue().f1());
            }
            run.metrics(metrics);

            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("dataset", experiment);
            tags.put("model_type", metadata.modelType());
            tags.put("model_version", metadata.version());
            tags.put("data_sha256", metadata.dataSha256());
            tags.put("git_commit", gitCommit);
            run.tags(tags);

            run.directory(MODEL_ARTIFACT, modelDir);
            run.file(ModelFiles.METRICS, modelDir.resolve(ModelFiles.METRICS));
            byte[] confusion = Charts.confusionMatrix(report);
            byte[] reliability = Charts.reliability(report);
            byte[] coverage = Charts.coverage(report);
            run.bytes("confusion_matrix.png", confusion);
            run.bytes("reliability.png", reliability);
            run.bytes("coverage.png", coverage);
            Map<String, Object> headline = new LinkedHashMap<>();
            headline.put("model version", metadata.version());
            headline.put("accuracy", report.accuracy());
            headline.put("macro F1", report.macroF1());
            headline.put("ECE", report.ece());
            headline.put("test tickets", report.nTest());
            headline.put("training tickets", metadata.nTrain());
            headline.put("train seconds", trainSeconds);
            run.bytes("report.html", new HtmlReport(metadata.modelType() + " on " + experiment)
                    .table("Figures (held-out test data)", headline)
                    .table("Parameters", params)
                    .picture("Confusion matrix", confusion)
                    .picture("Reliability", reliability)
                    .picture("Coverage", coverage)
                    .html().getBytes(StandardCharsets.UTF_8));

            Map<String, String> versionTags = new LinkedHashMap<>(tags);
            versionTags.put("accuracy", Double.toString(report.accuracy()));
            versionTags.put("macro_f1", Double.toString(report.macroF1()));
            versionTags.put("ece", Double.toString(report.ece()));
            ModelVersion version = run.register(registeredModel,
                    "ticket classifier of type " + metadata.modelType() + " (bin/callcenter train)", MODEL_ARTIFACT, versionTags);
            run.finish(true);
            return TrackedRun.resultFields(run, experiment, version);
        }
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}

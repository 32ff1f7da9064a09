package ai.callcenter.tools.tracking;

import ai.callcenter.mlflow.MetricKeys;
import ai.callcenter.mlflow.MlflowArtifacts;
import ai.callcenter.mlflow.MlflowRuns;
import ai.callcenter.mlflow.ModelRegistry;
import ai.callcenter.mlflow.ModelVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;

/**
 * One MLflow run, open until {@link #finish}. Parameters, metrics and tags go through the Java
 * client in batches; files through the artifact proxy; model versions through the registry.
 */
public final class TrackedRun implements AutoCloseable {

    /** MLflow's limit on a parameter value. */
    private static final int MAX_PARAM_LENGTH = 6000;
    /** MLflow takes at most this many metrics per batch call. */
    private static final int METRICS_PER_BATCH = 1000;

    private final TrackingServer server;
    private final MlflowClient client;
    private final String runId;
    private final String experimentId;
    private final String artifactUri;
    private boolean finished;

    private TrackedRun(TrackingServer server, MlflowClient client, Service.RunInfo info) {
        this.server = server;
        this.client = client;
        this.runId = info.getRunId();
        this.experimentId = info.getExperimentId();
        this.artifactUri = info.getArtifactUri();
    }

    /** Starts a run named {@code runName} in {@code experiment} (created when missing). */
    public static TrackedRun start(TrackingServer server, String experiment, String runName) {
        MlflowClient client = server.client();
        // looked up over REST: the Java client retries a missing experiment's 404 as if it were rate limiting
        String experimentId = new MlflowRuns(server.rest()).experimentId(experiment)
                .orElseGet(() -> client.createExperiment(experiment));
        Service.RunInfo info = client.createRun(Service.CreateRun.newBuilder().setExperimentId(experimentId)
                .setRunName(runName).setStartTime(System.currentTimeMillis()).build());
        return new TrackedRun(server, client, info);
    }

    public String runId() {
        return runId;
    }

    public String experimentId() {
        return experimentId;
    }

    public void params(Map<String, String> params) {
        List<Service.Param> batch = new ArrayList<>();
        params.forEach((k, v) -> batch.add(Service.Param.newBuilder().setKey(MetricKeys.of(k))
                .setValue(v.length() > MAX_PARAM_LENGTH ? v.substring(0, MAX_PARAM_LENGTH) : v).build()));
        client.logBatch(runId, List.of(), batch, List.of());
    }

    public void metrics(Map<String, Double> metrics) {
        long now = System.currentTimeMillis();
        List<Service.Metric> batch = new ArrayList<>();
        metrics.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                batch.add(Service.Metric.newBuilder().setKey(MetricKeys.of(k)).setValue(v).setTimestamp(now).setStep(0).build());
            }
        });
        for (int from = 0; from < batch.size(); from += METRICS_PER_BATCH) {
            client.logBatch(runId, batch.subList(from, Math.min(batch.size(), from + METRICS_PER_BATCH)), List.of(), List.of());
        }
    }

    public void tags(Map<String, String> tags) {
        List<Service.RunTag> batch = new ArrayList<>();
        tags.forEach((k, v) -> batch.add(Service.RunTag.newBuilder().setKey(k).setValue(v).build()));
        client.logBatch(runId, List.of(), List.of(), batch);
    }

    public void file(String path, Path file) {
        MlflowArtifacts artifacts = server.artifacts();
        artifacts.upload(artifactUri, path, file);
    }

    public void bytes(String path, byte[] content) {
        try {
            Path file = Files.createTempFile("mlflow-artifact", ".tmp");
            try {
                Files.write(file, content);
                file(path, file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage artifact " + path, e);
        }
    }

    public void directory(String path, Path dir) {
        server.artifacts().uploadDirectory(artifactUri, path, dir);
    }

    /** Registers the files under {@code artifactPath} of this run as the next version of {@code modelName}. */
    public ModelVersion register(String modelName, String description, String artifactPath, Map<String, String> tags) {
        ModelRegistry registry = server.registry();
        registry.ensureRegisteredModel(modelName, description);
        return registry.createVersion(modelName, artifactUri + "/" + artifactPath, runId, tags);
    }

    /** What a command adds to its JSON result about the run it logged. */
    static Map<String, Object> resultFields(TrackedRun run, String experiment, ModelVersion version) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mlflow_run_id", run.runId());
        result.put("mlflow_experiment", experiment);
        result.put("registered_model", version.name());
        result.put("registered_version", version.version());
        return result;
    }

    public void finish(boolean succeeded) {
        if (!finished) {
            finished = true;
            client.setTerminated(runId, succeeded ? Service.RunStatus.FINISHED : Service.RunStatus.FAILED,
                    System.currentTimeMillis());
        }
    }

    /** Marks a run that was not finished as failed (an exception left the block). */
    @Override
    public void close() {
        try {
            finish(false);
        } finally {
            client.close();
        }
    }
}

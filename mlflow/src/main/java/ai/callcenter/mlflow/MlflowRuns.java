package ai.callcenter.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs over REST: writing the small runs services keep (the agent's prediction statistics) and
 * reading any run back. The tools log their training runs through the Java MLflow client instead.
 */
public final class MlflowRuns {

    private static final String API = "/api/2.0/mlflow";
    /** The server's largest page of a run search. */
    private static final int PAGE = 1000;
    /** MLflow takes at most this many metrics per log-batch call. */
    private static final int METRICS_PER_BATCH = 1000;

    /** What one run holds: its artifact root and the latest value of each parameter, metric and tag. */
    public record LoggedRun(String runId, String experimentId, String runName, String status, String artifactUri,
                            Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags) {

        public LoggedRun {
            params = Map.copyOf(params);
            metrics = Map.copyOf(metrics);
            tags = Map.copyOf(tags);
        }

        static LoggedRun of(JsonNode run) {
            JsonNode info = run.path("info");
            JsonNode data = run.path("data");
            Map<String, String> params = new LinkedHashMap<>();
            data.path("params").forEach(p -> params.put(p.path("key").asText(), p.path("value").asText()));
            Map<String, Double> metrics = new LinkedHashMap<>();
            data.path("metrics").forEach(m -> metrics.put(m.path("key").asText(), m.path("value").asDouble()));
            Map<String, String> tags = new LinkedHashMap<>();
            data.path("tags").forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText()));
            return new LoggedRun(info.path("run_id").asText(), info.path("experiment_id").asText(),
                    info.path("run_name").asText(), info.path("status").asText(), info.path("artifact_uri").asText(),
                    params, metrics, tags);
        }
    }

    private final MlflowRest rest;

    public MlflowRuns(MlflowRest rest) {
        this.rest = rest;
    }

    /** Starts a run in {@code experiment}, created when missing; returns the run id. */
    public String start(String experiment, String runName, Map<String, String> tags) {
        String experimentId = experimentId(experiment).orElseGet(() -> createExperiment(experiment));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiment_id", experimentId);
        body.put("run_name", runName);
        body.put("start_time", System.currentTimeMillis());
        body.put("tags", keyValues(tags));
        return rest.post(API + "/runs/create", body).path("run").path("info").path("run_id").asText();
    }

    /** Logs values of the run's metrics at {@code step}, stamped {@code timestampMillis}, in batches the server accepts. */
    public void logMetrics(String runId, Map<String, Double> metrics, long timestampMillis, long step) {
        List<Map<String, Object>> all = new ArrayList<>();
        metrics.forEach((key, value) -> {
            if (value != null && Double.isFinite(value)) {
                all.add(Map.of("key", key, "value", value, "timestamp", timestampMillis, "step", step));
            }
        });
        for (int from = 0; from < all.size(); from += METRICS_PER_BATCH) {
            rest.post(API + "/runs/log-batch", Map.of("run_id", runId,
                    "metrics", all.subList(from, Math.min(all.size(), from + METRICS_PER_BATCH))));
        }
    }

    public void logParams(String runId, Map<String, String> params) {
        rest.post(API + "/runs/log-batch", Map.of("run_id", runId, "params", keyValues(params)));
    }

    /** Ends the run with {@code status} (FINISHED, FAILED or KILLED). */
    public void end(String runId, String status) {
        rest.post(API + "/runs/update", Map.of("run_id", runId, "status", status, "end_time", System.currentTimeMillis()));
    }

    private String createExperiment(String name) {
        try {
            return rest.post(API + "/experiments/create", Map.of("name", name)).path("experiment_id").asText();
        } catch (MlflowException e) {
            // created meanwhile by another instance
            return experimentId(name).orElseThrow(() -> e);
        }
    }

    private static List<Map<String, String>> keyValues(Map<String, String> values) {
        return values.entrySet().stream().map(e -> Map.of("key", e.getKey(), "value", e.getValue())).toList();
    }

    public LoggedRun get(String runId) {
        return LoggedRun.of(rest.get(API + "/runs/get", Map.of("run_id", runId)).path("run"));
    }

    public Optional<String> experimentId(String name) {
        try {
            return Optional.of(rest.get(API + "/experiments/get-by-name", Map.of("experiment_name", name))
                    .path("experiment").path("experiment_id").asText());
        } catch (MlflowException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every run of the named experiment, newest first; none when it does not exist. */
    public List<LoggedRun> ofExperiment(String name) {
        Optional<String> id = experimentId(name);
        List<LoggedRun> runs = new ArrayList<>();
        if (id.isEmpty()) {
            return runs;
        }
        String pageToken = null;
        do {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("experiment_ids", List.of(id.get()));
            body.put("max_results", PAGE);
            body.put("order_by", List.of("attributes.start_time DESC"));
            if (pageToken != null) {
                body.put("page_token", pageToken);
            }
            JsonNode page = rest.post(API + "/runs/search", body);
            page.path("runs").forEach(r -> runs.add(LoggedRun.of(r)));
            pageToken = page.path("next_page_token").asText(null);
        } while (pageToken != null && !pageToken.isEmpty());
        return runs;
    }
}

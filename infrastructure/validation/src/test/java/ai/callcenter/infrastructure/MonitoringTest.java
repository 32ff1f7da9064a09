package ai.callcenter.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus rules and config, Alertmanager config, Grafana dashboards. */
class MonitoringTest {

    static final Path MONITORING = Infra.root().resolve("monitoring");
    /**
     * Metric families the services export (Micrometer -> Prometheus; the observability contract,
     * docs/metrics.md) and the recorded series (level:metric:operations) that rules may use.
     */
    static final Pattern KNOWN_METRIC = Pattern.compile(
            "^(callcenter_(predictions_total|prediction_latency_seconds_(bucket|count|sum)|cache_lookups_total|cache_errors_total"
                    + "|model_(loaded|degraded|info|switches_total|load_failures_total|registry_unreachable_total)|build_info|requests_shed_total)"
                    // The agent's own meters (AgentMetrics; AgentMetricsTest checks that each name used here is exported).
                    + "|agent_(requests_total|answers_total|fallbacks_total|needs_review_total|pii_detected_total|cache_total"
                    + "|llm_calls_total|feedback_total|pii_name_models|routing_ready|stage_latency_seconds_(bucket|count|sum|max)"
                    + "|confidence_(bucket|count|sum)"
                    + "|statistics_(windows_dropped_total|windows_logged_total|mlflow_failures_total|queue_size))"
                    + "|transformer_encoder_batch_size"
                    + "|http_(server|client)_requests_seconds_(count|sum|bucket|max)"
                    + "|resilience4j_(circuitbreaker_(state|failure_rate|calls_seconds_count)|retry_calls_total)"
                    + "|jvm_[a-z_]+|process_[a-z_]+|system_cpu_usage|up"
                    + "|[a-z_]+:[a-z0-9_]+:[a-z0-9_]+)$");

    @Test
    void promtoolAcceptsRulesAndConfig() throws IOException {
        Path promtool = Infra.require("promtool", "PROMTOOL", "apt-get install prometheus (ships promtool).");
        var rules = Infra.run(MONITORING, List.of(promtool.toString(), "check", "rules", "prometheus/rules/callcenter-alerts.yml"));
        assertThat(rules.exitCode()).as(rules.describe()).isZero();
        // The config names rule files by their in-container path; check it with the rules beside it.
        Path work = Files.createDirectories(Infra.workDir().resolve("promtool"));
        String config = Files.readString(MONITORING.resolve("prometheus/prometheus.yml"))
                .replace("/etc/prometheus/rules/*.yml", MONITORING.resolve("prometheus/rules").toAbsolutePath() + "/*.yml");
        Files.writeString(work.resolve("prometheus.yml"), config);
        var cfg = Infra.run(work, List.of(promtool.toString(), "check", "config", "prometheus.yml"));
        assertThat(cfg.exitCode()).as(cfg.describe()).isZero();
        assertThat(cfg.stdout() + cfg.stderr()).contains("SUCCESS");
    }

    @Test
    void promtoolRejectsABrokenRule() throws IOException {
        Path promtool = Infra.require("promtool", "PROMTOOL", "apt-get install prometheus (ships promtool).");
        Path bad = Infra.workDir().resolve("broken-rules.yml");
        Files.writeString(bad, Files.readString(MONITORING.resolve("prometheus/rules/callcenter-alerts.yml"))
                .replaceFirst("expr: up\\{", "expr: up{{"));
        assertThat(Infra.run(Infra.workDir(), List.of(promtool.toString(), "check", "rules", bad.toString())).exitCode()).isNotZero();
    }

    @Test
    void amtoolAcceptsAlertmanagerConfig() {
        Path amtool = Infra.require("amtool", "AMTOOL", "apt-get install prometheus-alertmanager (ships amtool).");
        var r = Infra.run(MONITORING, List.of(amtool.toString(), "check-config", "alertmanager/alertmanager.yml"));
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    @Test
    void requiredAlertsExist() throws IOException {
        String rules = Files.readString(MONITORING.resolve("prometheus/rules/callcenter-alerts.yml"));
        assertThat(rules).contains("alert: CallcenterServiceAbsent", "alert: CallcenterTargetDown",
                "alert: CallcenterHighErrorRate", "alert: CallcenterHighLatencyP99",
                "alert: CallcenterPredictErrorBudgetBurnFast", "alert: CallcenterPredictErrorBudgetBurnSlow",
                "alert: CallcenterModelNotLoaded", "alert: CallcenterAgentRoutingNotReady", "alert: CallcenterAgentPiiRulesOnly",
                "alert: CallcenterNoPredictions", "alert: CallcenterAgentFallbacksHigh", "alert: CallcenterLowConfidenceSpike",
                "alert: CallcenterAgentCategoryDrift", "alert: CallcenterCacheErrors", "alert: CallcenterCircuitBreakerOpen",
                "alert: CallcenterStatisticsWindowsDropped", "alert: CallcenterLowCacheHitRatio", "alert: CallcenterPodRestarting",
                "alert: CallcenterJvmHeapPressure", "alert: Watchdog");
    }

    @Test
    void dashboardsAreValidAndUseExportedMetrics() throws IOException {
        // Schema, variables, filters and provisioning: DashboardSchemaTest. Here: the contract's metrics only,
        // every panel on the datasource variable, and the topics operators look for are covered.
        List<Path> dashboards = Dashboards.files();
        assertThat(dashboards).isNotEmpty();
        List<String> titles = new ArrayList<>();
        for (Path p : dashboards) {
            JsonNode d = new ObjectMapper().readTree(p.toFile());
            assertThat(d.get("uid").asText()).isNotBlank();
            for (JsonNode panel : Dashboards.panels(d)) {
                titles.add(panel.get("title").asText());
                assertThat(panel.get("datasource").get("uid").asText()).isEqualTo("${datasource}");
                for (JsonNode t : panel.get("targets")) {
                    for (var s : Dashboards.selectors(t.get("expr").asText())) {
                        assertThat(s.metric()).as("metric in %s / %s", p.getFileName(), panel.get("title").asText())
                                .matches(Dashboards.CONTRACT_METRIC);
                    }
                }
            }
        }
        assertThat(String.join("|", titles).toLowerCase())
                .contains("5xx error ratio", "p99", "cache hit ratio", "category", "fallbacks", "restarts", "pii", "heap",
                        "feedback accuracy", "circuit breaker", "served model versions");
    }

    /** An alert on a metric nobody exports never fires: the rules may only use exported metrics and recorded series. */
    @Test
    void alertRulesUseExportedMetrics() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(MONITORING.resolve("prometheus/rules/callcenter-alerts.yml").toFile());
        int checked = 0;
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                for (String metric : metrics(rule.get("expr").asText())) {
                    assertThat(metric).as("metric in rule %s", rule.has("alert") ? rule.get("alert").asText() : rule.get("record").asText())
                            .matches(KNOWN_METRIC);
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
    }

    /** Each job, the SRV name it discovers its targets by, and the path it scrapes. */
    @Test
    @SuppressWarnings("unchecked")
    void everyServiceIsScrapedOnItsManagementPort() throws IOException {
        Map<String, Object> config = new ObjectMapper(new YAMLFactory()).readValue(
                MONITORING.resolve("prometheus/prometheus.yml").toFile(), Map.class);
        Map<String, String> names = new TreeMap<>();
        Map<String, String> paths = new TreeMap<>();
        for (var job : K8s.maps(config, "scrape_configs")) {
            String name = String.valueOf(job.get("job_name"));
            paths.put(name, String.valueOf(job.getOrDefault("metrics_path", "/metrics")));
            for (var sd : K8s.maps(job, "dns_sd_configs")) {
                assertThat(sd.get("type")).as(name).isEqualTo("SRV");
                names.put(name, String.valueOf(K8s.list(sd, "names").get(0)));
            }
        }
        assertThat(names).containsExactlyInAnyOrderEntriesOf(Map.of(
                "agent", "_management._tcp.agent-headless", "tfidf", "_management._tcp.tfidf-headless",
                "transformer", "_management._tcp.transformer-headless", "mlflow", "_http._tcp.mlflow",
                "grafana", "_http._tcp.grafana", "alertmanager", "_http._tcp.alertmanager"));
        for (String app : List.of("agent", "tfidf", "transformer")) {
            assertThat(paths.get(app)).isEqualTo("/actuator/prometheus");
        }
        // The SRV names exist: every rendered environment has the Service with that named port.
        for (String render : List.of("overlay/dev", "helm/prod")) {
            var objects = Renders.get(render);
            for (var e : names.entrySet()) {
                String[] parts = e.getValue().split("\\.", 3);
                var svc = K8s.find(objects, "Service", parts[2]);
                assertThat(K8s.maps(svc, "spec", "ports")).as("%s in %s", e.getValue(), render)
                        .anyMatch(p -> ("_" + p.get("name")).equals(parts[0]) && "_tcp".equals(parts[1]));
            }
        }
    }

    /** The relabelling, with Prometheus' fully anchored regexes, on the target names CoreDNS gives. */
    @Test
    @SuppressWarnings("unchecked")
    void namespaceAndInstanceComeFromTheSrvTarget() throws IOException {
        Map<String, Object> config = new ObjectMapper(new YAMLFactory()).readValue(
                MONITORING.resolve("prometheus/prometheus.yml").toFile(), Map.class);
        for (var job : K8s.maps(config, "scrape_configs")) {
            if (K8s.maps(job, "dns_sd_configs").isEmpty()) {
                continue;
            }
            var relabels = K8s.maps(job, "relabel_configs");
            Map<String, String> pod = relabel(relabels, "10-244-1-17.agent-headless.callcenter-prod.svc.cluster.local.", "9000",
                    "10-244-1-17.agent-headless.callcenter-prod.svc.cluster.local:9000");
            assertThat(pod).containsEntry("namespace", "callcenter-prod").containsEntry("instance", "10.244.1.17:9000");
            Map<String, String> service = relabel(relabels, "mlflow.callcenter-dev.svc.cluster.local.", "5000",
                    "mlflow.callcenter-dev.svc.cluster.local:5000");
            assertThat(service).containsEntry("namespace", "callcenter-dev")
                    .containsEntry("instance", "mlflow.callcenter-dev.svc.cluster.local:5000");
        }
    }

    /** Prometheus' relabelling (action replace, the default) for the two DNS meta labels. */
    static Map<String, String> relabel(List<Map<String, Object>> configs, String target, String port, String address) {
        Map<String, String> labels = new TreeMap<>(Map.of("__meta_dns_srv_record_target", target,
                "__meta_dns_srv_record_port", port, "__address__", address));
        for (var c : configs) {
            assertThat(c.getOrDefault("action", "replace")).isEqualTo("replace");
            List<String> values = new ArrayList<>();
            K8s.list(c, "source_labels").forEach(l -> values.add(labels.getOrDefault(String.valueOf(l), "")));
            String value = String.join(String.valueOf(c.getOrDefault("separator", ";")), values);
            Matcher m = Pattern.compile("^(?:" + c.getOrDefault("regex", "(.*)") + ")$").matcher(value);
            if (m.matches()) {
                // Java's $1 group references are Prometheus' (RE2 ${1} aside, which the config does not use).
                labels.put(String.valueOf(c.get("target_label")), m.replaceFirst(String.valueOf(c.getOrDefault("replacement", "$1"))));
            }
        }
        labels.putIfAbsent("instance", labels.get("__address__"));
        return labels;
    }

    /**
     * PromQL words that are not metric names: operators, modifiers and the aggregations (which may be
     * followed by "by (...)" before their parenthesis); functions are recognised by their "(".
     */
    private static final List<String> KEYWORDS = List.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan", "sum", "min", "max", "avg", "count", "group",
            "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values");

    /** Identifiers in a PromQL expression that are metric names (not functions, labels, numbers or keywords). */
    static List<String> metrics(String expr) {
        String stripped = expr.replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\{[^}]*}", "{}")
                .replaceAll("\\[[^]]*]", "[]")
                // label lists of by/without/on/ignoring/group_left/group_right
                .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "$1 ()")
                // numbers, 1e-9 included
                .replaceAll("(?<![A-Za-z0-9_:])\\d+(\\.\\d+)?([eE][+-]?\\d+)?", "0");
        Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(?=\\s*(\\()?)").matcher(stripped);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            String id = m.group();
            boolean function = m.group(1) != null;
            if (!function && !KEYWORDS.contains(id.toLowerCase())) {
                out.add(id);
            }
        }
        return out;
    }
}

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus rules and config, Alertmanager config, Grafana dashboards. */
class MonitoringTest {

    static final Path MONITORING = Infra.root().resolve("monitoring");
    /** Metric families the services export (Micrometer -> Prometheus) and that dashboards/rules may use. */
    static final Pattern KNOWN_METRIC = Pattern.compile(
            "^(callcenter_(predictions_total|prediction_latency_seconds_(bucket|count|sum)|cache_lookups_total|cache_errors_total)"
                    // The agent's own meters (AgentMetrics; AgentMetricsTest checks that each name used here is exported).
                    + "|agent_(requests_total|fallbacks_total|needs_review_total|pii_detected_total|cache_total|llm_calls_total"
                    + "|feedback_total|pii_name_models|stage_latency_seconds_(bucket|count|sum|max)|confidence_(bucket|count|sum|max))"
                    + "|http_server_requests_seconds_(count|sum|bucket|max)|jvm_[a-z_]+|process_[a-z_]+|up"
                    + "|job:[a-z_:0-9]+|model:[a-z_:0-9]+|backend:[a-z_:0-9]+)$");

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
        assertThat(rules).contains("alert: CallcenterHighErrorRate", "alert: CallcenterHighPredictionLatencyP99",
                "alert: CallcenterLowCacheHitRatio", "alert: CallcenterAgentFallbacksHigh", "alert: CallcenterAgentPiiRulesOnly", "alert: CallcenterPodRestarting",
                "alert: CallcenterTargetDown");
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

    @Test
    void everyServiceIsScraped() throws IOException {
        String config = Files.readString(MONITORING.resolve("prometheus/prometheus.yml"));
        for (String target : List.of("agent-headless", "tfidf-headless", "transformer-headless", "mlflow:5000",
                "grafana:3000", "alertmanager:9093")) {
            assertThat(config).contains(target);
        }
        assertThat(config).contains("metrics_path: /actuator/prometheus");
    }

    /** Identifiers in a PromQL expression that are metric names (not functions, labels or keywords). */
    static List<String> metrics(String expr) {
        String noStrings = expr.replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\{[^}]*}", "{}")
                .replaceAll("\\[[^]]*]", "[]");
        Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(noStrings);
        List<String> out = new ArrayList<>();
        List<String> keywords = List.of("sum", "rate", "by", "histogram_quantile", "clamp_min", "changes", "le", "job",
                "model", "cached", "backend", "operation", "category", "route", "language", "type", "instance", "uri", "reason",
                "area", "and", "on", "or", "without", "max", "min", "avg", "count", "increase", "irate", "e");
        while (m.find()) {
            String id = m.group();
            if (!keywords.contains(id) && !id.matches("\\d.*")) {
                out.add(id);
            }
        }
        return out;
    }
}

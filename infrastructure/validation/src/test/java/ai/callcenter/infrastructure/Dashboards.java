package ai.callcenter.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The provisioned Grafana dashboards (monitoring/grafana/dashboards) and what their PromQL may use:
 * the metric names of the observability contract (issue 18, /work/notes/obs-contract.md), filtered on the
 * dashboards' template variables.
 */
public final class Dashboards {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Dashboard file -> uid. Uids are links people bookmark: they stay as they are. */
    public static final Map<String, String> UIDS = Map.of(
            "callcenter-overview.json", "callcenter-overview",
            "callcenter-routing.json", "callcenter-routing",
            "callcenter-ml-quality.json", "callcenter-ml-quality",
            "callcenter-pii.json", "callcenter-pii",
            "callcenter-jvm.json", "callcenter-jvm");

    /**
     * Metric names the services export (after Micrometer's Prometheus naming), per the contract. Timers and
     * distribution summaries export _bucket (percentile histograms), _count, _sum and _max.
     */
    public static final Pattern CONTRACT_METRIC = Pattern.compile("^("
            + "agent_(requests_total|answers_total|needs_review_total|cache_total|pii_name_models|pii_detected_total"
            + "|fallbacks_total|llm_calls_total|feedback_total|routing_ready"
            + "|statistics_(windows_dropped_total|windows_logged_total|mlflow_failures_total|queue_size)"
            + "|(confidence|stage_latency_seconds)_(bucket|count|sum|max))"
            + "|callcenter_(predictions_total|prediction_latency_seconds_(bucket|count|sum|max)|cache_lookups_total"
            + "|cache_errors_total|model_loaded|model_degraded|model_info|model_switches_total|model_load_failures_total"
            + "|model_registry_unreachable_total|build_info)"
            + "|transformer_encoder_batch_size"
            + "|http_(server|client)_requests_seconds_(bucket|count|sum|max)"
            + "|resilience4j_(circuitbreaker_state|circuitbreaker_calls_seconds_count|circuitbreaker_failure_rate|retry_calls_total)"
            + "|process_(resident_memory_bytes|cpu_usage|start_time_seconds)|system_cpu_usage|jvm_[a-z_]+"
            + "|up)$");

    /** The label filters every selector carries (all contract metrics come from scrape jobs, in namespaces). */
    public static final List<String> REQUIRED_FILTERS = List.of("namespace=~\"$namespace\"", "job=~\"$service\"");

    private Dashboards() {
    }

    public static Path dir() {
        return Infra.root().resolve("monitoring/grafana/dashboards");
    }

    /** Every dashboard file, sorted. */
    public static List<Path> files() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Panels that show data: top-level panels and those inside rows, rows themselves left out. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            if ("row".equals(p.path("type").asText())) {
                p.path("panels").forEach(out::add);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Every title: rows and panels (nested ones included). */
    public static List<String> titles(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p.path("title").asText());
            p.path("panels").forEach(inner -> out.add(inner.path("title").asText()));
        }
        return out;
    }

    /** Every target expression of a dashboard, keyed "panel title / refId". */
    public static Map<String, String> exprs(JsonNode dashboard) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode p : panels(dashboard)) {
            for (JsonNode t : p.path("targets")) {
                if (t.hasNonNull("expr")) {
                    out.put(p.path("title").asText() + " / " + t.path("refId").asText(), t.get("expr").asText());
                }
            }
        }
        return out;
    }

    /** A vector selector: metric name and the text between its braces. */
    public record Selector(String metric, String matchers) {
    }

    private static final String STRING = "\"(?:[^\"\\\\]|\\\\.)*\"";
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{((?:[^}\"]|" + STRING + ")*)}");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final List<String> KEYWORDS = List.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "NaN", "Inf", "nan", "inf");

    public static List<Selector> selectors(String expr) {
        List<Selector> out = new ArrayList<>();
        Matcher m = SELECTOR.matcher(expr);
        while (m.find()) {
            out.add(new Selector(m.group(1), m.group(2)));
        }
        return out;
    }

    /**
     * Metric names used without braces (a bare {@code up} or {@code foo_total}): they cannot carry the
     * namespace and service filters. Functions, aggregations, keywords, grouping labels and numbers are not names.
     */
    public static List<String> bareMetrics(String expr) {
        String s = expr.replaceAll(STRING, "\"\"")
                .replaceAll("\\{[^}]*}", "{}")
                .replaceAll("\\[[^]]*]", "[]")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "$1()")
                .replaceAll("(?<![a-zA-Z_:])\\d+(\\.\\d+)?([eE][-+]?\\d+)?", "0");
        List<String> out = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String id = m.group();
            String rest = s.substring(m.end()).stripLeading();
            if (KEYWORDS.contains(id) || rest.startsWith("(") || rest.startsWith("{") || rest.matches("(?s)(by|without)\\s*\\(.*")) {
                continue;
            }
            out.add(id);
        }
        return out;
    }

    /** Template variables referenced in a string ($name, ${name}, ${name:format}, [[name]]). */
    public static List<String> variables(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\$\\{([a-zA-Z0-9_]+)[^}]*}|\\$([a-zA-Z0-9_]+)|\\[\\[([a-zA-Z0-9_]+)[^]]*]]").matcher(text);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }
}

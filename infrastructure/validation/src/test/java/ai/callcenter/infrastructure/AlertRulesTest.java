package ai.callcenter.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert and recording rules: promtool unit tests (prometheus/tests/*.test.yml) with a firing and a
 * not-firing case for every alert, the conventions every rule follows, and the Argo Rollouts analysis
 * query against the same metrics.
 */
class AlertRulesTest {

    static final Path PROMETHEUS = MonitoringTest.MONITORING.resolve("prometheus");
    static final Path RULES = PROMETHEUS.resolve("rules/callcenter-alerts.yml");
    static final String RUNBOOK = "https://github.com/callcenter-ai/callcenter-ai/blob/main/docs/operations.md#";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** level:metric:operations, the recorded series' names. */
    static final Pattern RECORDED = Pattern.compile("\\b[a-z_]+:[a-z0-9_]+:[a-z0-9_]+\\b");

    static JsonNode rules() throws IOException {
        return YAML.readTree(RULES.toFile());
    }

    static List<JsonNode> rulesOf(String kind) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode group : rules().get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (rule.has(kind)) {
                    out.add(rule);
                }
            }
        }
        return out;
    }

    static List<Path> unitTestFiles() throws IOException {
        try (Stream<Path> s = Files.list(PROMETHEUS.resolve("tests"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".test.yml")).sorted().toList();
        }
    }

    static Path promtool() {
        return Infra.require("promtool", "PROMTOOL", "apt-get install prometheus (ships promtool).");
    }

    @Test
    void promtoolUnitTestsPass() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(promtool().toString(), "test", "rules"));
        unitTestFiles().forEach(p -> cmd.add(PROMETHEUS.relativize(p).toString()));
        var r = Infra.run(PROMETHEUS, cmd);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout().split("SUCCESS", -1)).hasSize(unitTestFiles().size() + 1);
    }

    /**
     * Each alert fires in some test and stays silent in another (exp_alerts: []). The Watchdog has no
     * silent case: it always fires, and its absence is what the dead man's switch reports.
     */
    @Test
    void everyAlertIsTestedFiringAndNotFiring() throws IOException {
        Set<String> alerts = new TreeSet<>();
        rulesOf("alert").forEach(r -> alerts.add(r.get("alert").asText()));
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (Path file : unitTestFiles()) {
            for (JsonNode test : YAML.readTree(file.toFile()).path("tests")) {
                for (JsonNode t : test.path("alert_rule_test")) {
                    String name = t.get("alertname").asText();
                    assertThat(alerts).as("%s tests an alert the rules do not have", file.getFileName()).contains(name);
                    (t.path("exp_alerts").isEmpty() ? silent : firing).add(name);
                }
            }
        }
        assertThat(firing).as("alerts with a firing case").containsExactlyElementsOf(alerts);
        Set<String> mustBeSilentSometimes = new TreeSet<>(alerts);
        mustBeSilentSometimes.remove("Watchdog");
        assertThat(silent).as("alerts with a not-firing case").containsAll(mustBeSilentSometimes);
    }

    /** Every recording rule's output is checked by a promql_expr_test (in a healthy system: not empty). */
    @Test
    void everyRecordingRuleIsCheckedByAUnitTest() throws IOException {
        Set<String> checked = new TreeSet<>();
        for (Path file : unitTestFiles()) {
            for (JsonNode test : YAML.readTree(file.toFile()).path("tests")) {
                for (JsonNode t : test.path("promql_expr_test")) {
                    // Only tests that expect samples: an expression checked for emptiness proves no output.
                    for (JsonNode sample : t.path("exp_samples")) {
                        Matcher m = RECORDED.matcher(sample.path("labels").asText() + " " + t.path("expr").asText());
                        while (m.find()) {
                            checked.add(m.group());
                        }
                    }
                }
            }
        }
        Set<String> recorded = new TreeSet<>();
        rulesOf("record").forEach(r -> recorded.add(r.get("record").asText()));
        assertThat(checked).containsAll(recorded);
    }

    /** promtool evaluates groups in a random order unless told: the tests name the file's order. */
    @Test
    void unitTestsEvaluateTheGroupsInFileOrder() throws IOException {
        List<String> groups = new ArrayList<>();
        rules().get("groups").forEach(g -> groups.add(g.get("name").asText()));
        for (Path file : unitTestFiles()) {
            JsonNode test = YAML.readTree(file.toFile());
            List<String> order = new ArrayList<>();
            test.path("group_eval_order").forEach(n -> order.add(n.asText()));
            assertThat(order).as("group_eval_order of %s", file.getFileName()).isEqualTo(groups);
            assertThat(test.path("rule_files").get(0).asText()).isEqualTo("../rules/callcenter-alerts.yml");
        }
    }

    /** The global evaluation_interval applies everywhere (the CI proof evaluates every second). */
    @Test
    void noGroupSetsItsOwnInterval() throws IOException {
        for (JsonNode group : rules().get("groups")) {
            assertThat(group.has("interval")).as("group %s sets interval", group.get("name").asText()).isFalse();
        }
    }

    @Test
    void everyAlertHasSeveritySummaryDescriptionAndRunbook() throws IOException {
        for (JsonNode alert : rulesOf("alert")) {
            String name = alert.get("alert").asText();
            assertThat(alert.path("labels").path("severity").asText()).as(name).isIn("critical", "warning", "info", "none");
            for (String annotation : List.of("summary", "description")) {
                assertThat(alert.path("annotations").path(annotation).asText()).as("%s %s", name, annotation).isNotBlank();
            }
            assertThat(alert.path("annotations").path("runbook_url").asText()).as(name).isEqualTo(RUNBOOK + name.toLowerCase());
        }
    }

    /** docs/operations.md has the section every runbook_url points at, saying what it means, what to check, what to do. */
    @Test
    void everyAlertHasARunbookSection() throws IOException {
        String doc = Files.readString(Infra.repoRoot().resolve("docs/operations.md"));
        assertThat(doc).contains("\n## Environments and routing\n", "\n## Alerts\n", "\n## Dashboards\n");
        String alertsPart = doc.substring(doc.indexOf("\n## Alerts\n"), doc.indexOf("\n## Dashboards\n"));
        Map<String, String> sections = new java.util.LinkedHashMap<>();
        Matcher h = Pattern.compile("(?m)^### (\\S+)$").matcher(alertsPart);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (h.find()) {
            starts.add(h.start());
            names.add(h.group(1));
        }
        for (int i = 0; i < names.size(); i++) {
            sections.put(names.get(i), alertsPart.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : alertsPart.length()));
        }
        Set<String> alerts = new TreeSet<>();
        rulesOf("alert").forEach(r -> alerts.add(r.get("alert").asText()));
        // GitHub's anchor of "### Name" is #name: the runbook_url's fragment.
        assertThat(new TreeSet<>(sections.keySet())).isEqualTo(alerts);
        sections.forEach((name, text) -> assertThat(text).as(name).contains("**Means:**", "**Check:**", "**Do:**"));
    }

    /**
     * Recorded series used anywhere are recorded in the file, before the groups that use them where
     * possible; every aggregation of a recording rule keeps namespace and job (the dashboards' variables).
     */
    @Test
    void recordedSeriesAreRecordedAndKeepNamespaceAndJob() throws IOException {
        Set<String> recorded = new LinkedHashSet<>();
        rulesOf("record").forEach(r -> recorded.add(r.get("record").asText()));
        for (JsonNode group : rules().get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                String expr = rule.get("expr").asText();
                Matcher m = RECORDED.matcher(expr);
                while (m.find()) {
                    assertThat(recorded).as("recorded series %s used in %s", m.group(), rule).contains(m.group());
                }
                if (rule.has("record")) {
                    Matcher by = Pattern.compile("\\bby\\s*\\(([^)]*)\\)").matcher(expr);
                    while (by.find()) {
                        assertThat(by.group(1)).as(rule.get("record").asText()).contains("namespace", "job");
                    }
                    assertThat(rule.get("record").asText()).matches(RECORDED);
                }
            }
        }
    }

    /**
     * The Argo Rollouts analysis asks this Prometheus for a service's 5xx ratio: the query parses for
     * each service the Rollouts pass, uses exported metrics only, and its job names are scrape jobs.
     */
    @Test
    void rolloutAnalysisQueriesParseAndNameScrapedJobs() throws IOException {
        Path promtool = promtool();
        var template = K8s.find(Renders.get("combo/prod+rollouts-canary"), "AnalysisTemplate", "error-rate");
        Set<String> services = new TreeSet<>();
        for (String render : List.of("combo/prod+rollouts-canary", "combo/prod+rollouts-bluegreen", "helm/prod+canary")) {
            for (var rollout : K8s.ofKind(Renders.get(render), "Rollout")) {
                String json = new ObjectMapper().writeValueAsString(rollout.get("spec"));
                Matcher m = Pattern.compile("\"name\":\"service\",\"value\":\"([a-z]+)\"").matcher(json);
                while (m.find()) {
                    services.add(m.group(1));
                }
            }
        }
        assertThat(services).containsExactlyInAnyOrder("agent", "tfidf", "transformer");
        Set<String> jobs = new TreeSet<>();
        Matcher job = Pattern.compile("job_name: ([a-z]+)").matcher(Files.readString(PROMETHEUS.resolve("prometheus.yml")));
        while (job.find()) {
            jobs.add(job.group(1));
        }
        assertThat(jobs).containsAll(services);
        for (var metric : K8s.maps(template, "spec", "metrics")) {
            String query = String.valueOf(K8s.get(metric, "provider", "prometheus", "query"));
            for (String service : services) {
                String q = query.replace("{{args.service}}", service);
                MonitoringTest.metrics(q).forEach(id -> assertThat(id).matches(MonitoringTest.KNOWN_METRIC));
                Path file = Infra.workDir().resolve("analysis-" + service + ".yml");
                Files.writeString(file, YAML.writeValueAsString(Map.of("groups", List.of(Map.of("name", "analysis",
                        "rules", List.of(Map.of("record", "analysis:error_ratio:" + service, "expr", q)))))));
                var r = Infra.run(Infra.workDir(), List.of(promtool.toString(), "check", "rules", file.toString()));
                assertThat(r.exitCode()).as(r.describe()).isZero();
            }
        }
    }

    /** The unit tests catch a regression: a copy of the rules with a loosened threshold fails them. */
    @Test
    void aWeakenedAlertFailsTheUnitTests() throws IOException {
        Path work = Files.createDirectories(Infra.workDir().resolve("weakened-rules"));
        Files.createDirectories(work.resolve("rules"));
        Files.createDirectories(work.resolve("tests"));
        String rules = Files.readString(RULES);
        String weakened = rules.replace("job:http_server_requests:error_ratio5m > 0.05", "job:http_server_requests:error_ratio5m > 0.5");
        assertThat(weakened).isNotEqualTo(rules);
        Files.writeString(work.resolve("rules/callcenter-alerts.yml"), weakened);
        Files.copy(PROMETHEUS.resolve("tests/availability.test.yml"), work.resolve("tests/availability.test.yml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var r = Infra.run(work, List.of(promtool().toString(), "test", "rules", "tests/availability.test.yml"));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("CallcenterHighErrorRate");
    }
}

package ai.callcenter.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provisioned Grafana dashboards: valid against Grafana's dashboard model (a JSON schema generated from
 * the TypeScript types of @grafana/schema, see validation/dashboard-schema), built on the template variables
 * and the contract's metrics, listed wherever they are provisioned, and not empty in a healthy system.
 */
class DashboardSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String DS_UID = "${datasource}";

    static Path schemaDir() {
        return Infra.root().resolve("validation/dashboard-schema");
    }

    /** Node.js with the schema packages installed (npm ci by ci-setup.sh); fails under CI, skips elsewhere. */
    static Path node() {
        Path node = Infra.require("node", "NODE_BIN", "Node.js is needed for the dashboard schema.");
        if (!Files.isDirectory(schemaDir().resolve("node_modules/@grafana/schema"))) {
            String message = "Dashboard schema packages not installed: run infrastructure/scripts/ci-setup.sh (npm ci in "
                    + schemaDir() + ")";
            if (Infra.inCi()) {
                Assertions.fail(message);
            }
            Assumptions.abort(message + " [skipped outside CI]");
        }
        return node;
    }

    /** File name -> schema errors, from validate.mjs; files without errors are absent. */
    static Map<String, List<String>> validate(List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of(node().toString(), "validate.mjs"));
        files.forEach(f -> cmd.add(f.toAbsolutePath().toString()));
        var r = Infra.run(schemaDir(), cmd);
        if (r.exitCode() != 0) {
            Assertions.fail("validate.mjs crashed: " + r.describe());
        }
        Map<String, List<String>> problems = new TreeMap<>();
        try {
            JsonNode out = JSON.readTree(r.stdout());
            assertThat(out.size()).as("validate.mjs results").isEqualTo(files.size());
            for (JsonNode result : out) {
                List<String> errors = new ArrayList<>();
                result.get("errors").forEach(e -> errors.add(e.asText()));
                if (!errors.isEmpty()) {
                    problems.put(Path.of(result.get("file").asText()).getFileName().toString(), errors);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("validate.mjs output: " + r.stdout(), e);
        }
        return problems;
    }

    private static String describe(Map<String, List<String>> problems) {
        StringBuilder sb = new StringBuilder();
        problems.forEach((file, errors) -> {
            sb.append('\n').append(file).append(':');
            errors.forEach(e -> sb.append("\n  ").append(e));
        });
        return sb.toString();
    }

    @Test
    void everyDashboardMatchesGrafanasDashboardModel() {
        List<Path> files = Dashboards.files();
        assertThat(files).isNotEmpty();
        Map<String, List<String>> problems = validate(files);
        assertThat(problems).as("schema errors per dashboard and panel:%s", describe(problems)).isEmpty();
    }

    /** The committed schema is what generate.mjs makes from the pinned @grafana/schema, and that is the deployed Grafana. */
    @Test
    void schemaIsGeneratedFromTheDeployedGrafanasTypes() throws IOException {
        Path generated = Infra.workDir().resolve("dashboard.schema.json");
        var r = Infra.run(schemaDir(), List.of(node().toString(), "generate.mjs", generated.toString()));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(Files.mismatch(generated, schemaDir().resolve("dashboard.schema.json")))
                .as("dashboard.schema.json is stale: run `npm run generate` in %s", schemaDir()).isEqualTo(-1L);

        String pinned = JSON.readTree(schemaDir().resolve("package.json").toFile()).at("/dependencies/@grafana~1schema").asText();
        String installed = JSON.readTree(schemaDir().resolve("node_modules/@grafana/schema/package.json").toFile()).get("version").asText();
        assertThat(installed).as("installed @grafana/schema (npm ci)").isEqualTo(pinned);
        for (Path manifest : List.of(Infra.root().resolve("k8s/base/grafana/deployment.yaml"),
                Renders.chartDir().resolve("values.yaml"))) {
            assertThat(Files.readString(manifest)).as("Grafana image in %s", manifest)
                    .contains("docker.io/grafana/grafana:" + pinned);
        }
    }

    /** Each kind of mistake is caught, and named by its panel. */
    @Test
    void theValidatorRejectsBrokenDashboards() throws IOException {
        Path source = Dashboards.dir().resolve("callcenter-overview.json");
        JsonNode original = Dashboards.read(source);
        ObjectNode firstPanel = (ObjectNode) Dashboards.panels(original).stream()
                .filter(p -> "timeseries".equals(p.path("type").asText())).findFirst().orElseThrow();
        String title = firstPanel.get("title").asText();
        int index = indexOf(original, title);
        Map<String, Consumer<ObjectNode>> mutations = new LinkedHashMap<>();
        mutations.put("unknown panel field", d -> panel(d, index).put("titel", "x"));
        mutations.put("bad option value", d -> ((ObjectNode) panel(d, index).at("/options/legend")).put("displayMode", "tabel"));
        mutations.put("wrong type", d -> ((ObjectNode) panel(d, index).get("gridPos")).put("w", "8"));
        mutations.put("target without expr", d -> ((ObjectNode) panel(d, index).at("/targets/0")).remove("expr"));
        mutations.put("unknown field config", d -> ((ObjectNode) panel(d, index).at("/fieldConfig/defaults/custom")).put("lineWidht", 2));
        mutations.put("panel type without schema", d -> panel(d, index).put("type", "graph"));
        mutations.put("variable without name", d -> ((ObjectNode) d.at("/templating/list/1")).remove("name"));
        Path dir = Files.createDirectories(Infra.workDir().resolve("broken-dashboards"));
        List<Path> files = new ArrayList<>();
        int i = 0;
        for (var m : mutations.entrySet()) {
            ObjectNode copy = original.deepCopy();
            m.getValue().accept(copy);
            Path f = dir.resolve((i++) + ".json");
            JSON.writeValue(f.toFile(), copy);
            files.add(f);
        }
        Map<String, List<String>> problems = validate(files);
        i = 0;
        for (String what : mutations.keySet()) {
            List<String> errors = problems.getOrDefault((i++) + ".json", List.of());
            assertThat(errors).as("errors for a dashboard with a %s", what).isNotEmpty();
            if (!what.startsWith("variable")) {
                assertThat(String.join("\n", errors)).as("the error names the panel").contains("'" + title + "'");
            }
        }
    }

    private static int indexOf(JsonNode dashboard, String title) {
        for (int i = 0; i < dashboard.get("panels").size(); i++) {
            if (title.equals(dashboard.get("panels").get(i).path("title").asText())) {
                return i;
            }
        }
        throw new AssertionError("no top-level panel " + title);
    }

    private static ObjectNode panel(ObjectNode dashboard, int index) {
        return (ObjectNode) dashboard.get("panels").get(index);
    }

    @Test
    void dashboardsAndUidsAreTheKnownOnes() {
        Map<String, String> uids = new TreeMap<>();
        for (Path f : Dashboards.files()) {
            uids.put(f.getFileName().toString(), Dashboards.read(f).path("uid").asText());
        }
        assertThat(uids).isEqualTo(new TreeMap<>(Dashboards.UIDS));
    }

    @Test
    void everyDashboardHasTheDatasourceNamespaceAndServiceVariables() {
        for (Path f : Dashboards.files()) {
            Map<String, JsonNode> vars = new LinkedHashMap<>();
            Dashboards.read(f).at("/templating/list").forEach(v -> vars.put(v.path("name").asText(), v));
            assertThat(vars.keySet()).as("variables of %s", f.getFileName()).containsExactly("datasource", "namespace", "service");

            JsonNode ds = vars.get("datasource");
            assertThat(ds.path("type").asText()).isEqualTo("datasource");
            assertThat(ds.path("query").asText()).as("data source plugin").isEqualTo("prometheus");

            JsonNode ns = vars.get("namespace");
            assertThat(ns.path("type").asText()).isEqualTo("query");
            assertThat(query(ns)).isEqualTo("label_values(up, namespace)");
            JsonNode svc = vars.get("service");
            assertThat(svc.path("type").asText()).isEqualTo("query");
            assertThat(query(svc)).as("service = Prometheus job")
                    .matches("label_values\\(up(\\{.*namespace=~\"\\$namespace\".*})?, job\\)");
            for (JsonNode v : List.of(ns, svc)) {
                assertThat(v.at("/datasource/uid").asText()).as("%s / %s", f.getFileName(), v.path("name").asText()).isEqualTo(DS_UID);
                assertThat(v.path("includeAll").asBoolean()).isTrue();
                assertThat(v.path("multi").asBoolean()).isTrue();
            }
        }
    }

    private static String query(JsonNode variable) {
        JsonNode q = variable.path("query");
        return q.isObject() ? q.path("query").asText() : q.asText();
    }

    /** Titles unique, ids unique, a Prometheus target with expr in every panel, only the datasource variable as data source. */
    @Test
    void panelsHaveUniqueTitlesAndTargetsOnTheDatasourceVariable() {
        for (Path f : Dashboards.files()) {
            JsonNode d = Dashboards.read(f);
            List<String> titles = Dashboards.titles(d);
            assertThat(titles).as("titles in %s", f.getFileName()).doesNotHaveDuplicates().doesNotContain("");
            List<Integer> ids = new ArrayList<>();
            d.path("panels").forEach(p -> {
                ids.add(p.path("id").asInt());
                p.path("panels").forEach(inner -> ids.add(inner.path("id").asInt()));
            });
            assertThat(ids).as("panel ids in %s", f.getFileName()).doesNotHaveDuplicates();
            List<JsonNode> panels = Dashboards.panels(d);
            assertThat(panels).isNotEmpty();
            for (JsonNode p : panels) {
                String where = f.getFileName() + " / " + p.path("title").asText();
                List<JsonNode> withExpr = new ArrayList<>();
                p.path("targets").forEach(t -> {
                    if (!t.path("expr").asText().isBlank()) {
                        withExpr.add(t);
                    }
                });
                assertThat(withExpr).as("targets with expr in %s", where).isNotEmpty();
                assertThat(p.path("description").asText()).as("description of %s", where).isNotBlank();
            }
            List<String> sources = new ArrayList<>();
            collectDatasources(d, "", sources);
            assertThat(sources).as("data source references in %s", f.getFileName()).isNotEmpty()
                    .allSatisfy(s -> assertThat(s).endsWith(" prometheus " + DS_UID));
        }
    }

    private static void collectDatasources(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if ("datasource".equals(e.getKey()) && e.getValue().isObject()) {
                    out.add(path + " " + e.getValue().path("type").asText() + " " + e.getValue().path("uid").asText());
                } else {
                    collectDatasources(e.getValue(), path + "/" + e.getKey(), out);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectDatasources(node.get(i), path + "/" + i, out);
            }
        }
    }

    /** Only the contract's metrics, every selector filtered on $namespace and $service, no other variables. */
    @Test
    void everyExprUsesContractMetricsFilteredOnNamespaceAndService() {
        int checked = 0;
        for (Path f : Dashboards.files()) {
            for (var e : Dashboards.exprs(Dashboards.read(f)).entrySet()) {
                String where = f.getFileName() + " / " + e.getKey();
                String expr = e.getValue();
                assertThat(Dashboards.bareMetrics(expr)).as("metrics without label filters in %s: %s", where, expr).isEmpty();
                var selectors = Dashboards.selectors(expr);
                assertThat(selectors).as("selectors in %s", where).isNotEmpty();
                for (var s : selectors) {
                    assertThat(s.metric()).as("metric in %s", where).matches(Dashboards.CONTRACT_METRIC);
                    List<String> matchers = List.of(s.matchers().split("\\s*,\\s*"));
                    assertThat(matchers).as("filters of %s in %s", s.metric(), where).containsAll(Dashboards.REQUIRED_FILTERS);
                }
                assertThat(Dashboards.variables(expr)).as("variables in %s (the CI proof substitutes these two only)", where)
                        .isNotEmpty().allMatch(v -> v.equals("namespace") || v.equals("service"));
                assertThat(expr).as("%s: no offset (the 7-day comparison must have data in a short test run)", where)
                        .doesNotContainPattern("\\boffset\\b");
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    /** The checks above must catch a bare metric, a missing filter and an unknown metric. */
    @Test
    void exprChecksCatchMistakes() {
        assertThat(Dashboards.bareMetrics("sum(rate(agent_requests_total[5m]))")).containsExactly("agent_requests_total");
        assertThat(Dashboards.bareMetrics("sum by (job, le) (rate(x{a=\"b\"}[5m])) or on() vector(0) / 1e-9")).isEmpty();
        assertThat(Dashboards.selectors("rate(foo{job=~\"$service\", uri!~\"/a{1}.*\"}[5m])"))
                .containsExactly(new Dashboards.Selector("foo", "job=~\"$service\", uri!~\"/a{1}.*\""));
        assertThat("agent_request_total").doesNotMatch(Dashboards.CONTRACT_METRIC);
        assertThat(Dashboards.variables("x{a=~\"$namespace\", b=\"${service:regex}\", c=\"$__rate_interval\"}"))
                .containsExactly("namespace", "service", "__rate_interval");
    }

    /** Kustomize's generator, the chart's copies and the chart's ConfigMap template list exactly the dashboards. */
    @Test
    void everyDashboardIsProvisioned() throws IOException {
        Set<String> names = new TreeSet<>();
        Dashboards.files().forEach(f -> names.add(f.getFileName().toString()));

        JsonNode kustomization = YAML.readTree(Infra.root().resolve("monitoring/kustomization.yaml").toFile());
        Map<String, String> generated = new TreeMap<>();
        for (JsonNode g : kustomization.path("configMapGenerator")) {
            if ("grafana-dashboards".equals(g.path("name").asText())) {
                for (JsonNode file : g.path("files")) {
                    String[] kv = file.asText().split("=", 2);
                    generated.put(kv[0], kv[1]);
                }
            }
        }
        Map<String, String> expected = new TreeMap<>();
        names.forEach(n -> expected.put(n, "grafana/dashboards/" + n));
        assertThat(generated).as("grafana-dashboards in monitoring/kustomization.yaml").isEqualTo(expected);

        Set<String> copies = new TreeSet<>();
        try (var s = Files.list(Renders.chartDir().resolve("files"))) {
            s.filter(p -> p.toString().endsWith(".json")).forEach(p -> copies.add(p.getFileName().toString()));
        }
        assertThat(copies).as("dashboards in the chart's files/").isEqualTo(names);
        for (String n : names) {
            assertThat(Files.mismatch(Dashboards.dir().resolve(n), Renders.chartDir().resolve("files/" + n)))
                    .as("helm/callcenter-ai/files/%s is byte-identical to monitoring/grafana/dashboards/%s", n, n).isEqualTo(-1L);
        }

        Set<String> templated = new TreeSet<>();
        Set<String> keys = new TreeSet<>();
        try (var s = Files.walk(Renders.chartDir().resolve("templates"))) {
            for (Path t : s.filter(Files::isRegularFile).toList()) {
                Matcher m = Pattern.compile("(?m)^\\s+([\\w.-]+\\.json): \\|\\s*\\n\\s+\\{\\{-? \\.Files\\.Get \"files/([\\w.-]+\\.json)\"")
                        .matcher(Files.readString(t));
                while (m.find()) {
                    keys.add(m.group(1));
                    templated.add(m.group(2));
                }
            }
        }
        assertThat(templated).as("dashboards the chart's templates read (.Files.Get)").isEqualTo(names);
        assertThat(keys).as("ConfigMap keys in the chart's templates").isEqualTo(names);
    }

    /** The rendered ConfigMaps (Kustomize and Helm) carry every dashboard, unchanged, within the ConfigMap size limit. */
    @Test
    void renderedConfigMapsCarryEveryDashboard() throws IOException {
        Map<String, JsonNode> expected = new TreeMap<>();
        long bytes = 0;
        for (Path f : Dashboards.files()) {
            expected.put(f.getFileName().toString(), Dashboards.read(f));
            bytes += Files.size(f);
        }
        // etcd rejects objects above 1 MiB; leave room for metadata and growth.
        assertThat(bytes).as("total size of the grafana-dashboards ConfigMap data").isLessThan(900L * 1024);
        for (String render : List.of("overlay/dev", "helm/dev")) {
            Map<String, Object> cm = Renders.get(render).stream()
                    .filter(o -> "ConfigMap".equals(K8s.kind(o)) && HelmChartTest.stripHash(o, K8s.name(o)).equals("grafana-dashboards"))
                    .findFirst().orElseThrow(() -> new AssertionError("no grafana-dashboards ConfigMap in " + render));
            Map<String, Object> data = K8s.map(cm, "data");
            assertThat(new TreeSet<>(data.keySet())).as("keys of grafana-dashboards in %s", render).isEqualTo(expected.keySet());
            for (var e : expected.entrySet()) {
                assertThat(JSON.readTree((String) data.get(e.getKey()))).as("%s in %s", e.getKey(), render).isEqualTo(e.getValue());
            }
        }
    }

    /**
     * Every panel query returns data in a healthy system: promtool evaluates absent(expr) for each expr (variables
     * replaced by .*, as the CI proof does) against synthetic series (healthy-series.yml: only what the contract
     * says always exists after some traffic), and no absent() may fire. NaN counts as data (a ratio without traffic).
     */
    @Test
    void everyPanelQueryHasDataInAHealthySystem() throws IOException {
        Path promtool = Infra.require("promtool", "PROMTOOL", "apt-get install prometheus (ships promtool).");
        Path work = Files.createDirectories(Infra.workDir().resolve("dashboard-data"));
        List<Map<String, Object>> rules = new ArrayList<>();
        List<Map<String, Object>> tests = new ArrayList<>();
        Map<String, String> where = new LinkedHashMap<>();
        for (Path f : Dashboards.files()) {
            for (var e : Dashboards.exprs(Dashboards.read(f)).entrySet()) {
                String alert = "DashboardQueryEmpty" + where.size();
                where.put(alert, f.getFileName() + " / " + e.getKey());
                String expr = e.getValue().replace("$namespace", ".*").replace("$service", ".*");
                rules.add(Map.of("alert", alert, "expr", "absent(" + expr + ")"));
                tests.add(Map.of("eval_time", "180m", "alertname", alert, "exp_alerts", List.of()));
            }
        }
        YAML.writeValue(work.resolve("rules.yml").toFile(), Map.of("groups", List.of(Map.of("name", "dashboards", "rules", rules))));
        JsonNode series = YAML.readTree(getClass().getResourceAsStream("/dashboard-healthy-series.yml")).get("input_series");
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("interval", "1m");
        test.put("input_series", series);
        test.put("alert_rule_test", tests);
        YAML.writeValue(work.resolve("test.yml").toFile(),
                Map.of("rule_files", List.of("rules.yml"), "evaluation_interval", "1m", "tests", List.of(test)));
        var r = Infra.run(work, List.of(promtool.toString(), "test", "rules", "test.yml"));
        if (r.exitCode() != 0) {
            Set<String> empty = new HashSet<>();
            Matcher m = Pattern.compile("alertname: (DashboardQueryEmpty\\d+)").matcher(r.stdout() + r.stderr());
            while (m.find()) {
                empty.add(where.getOrDefault(m.group(1), m.group(1)));
            }
            Assertions.fail("panel queries without data in a healthy system: " + new TreeSet<>(empty) + "\n" + r.describe());
        }
        assertThat(r.stdout()).contains("SUCCESS");
        assertThat(where).hasSizeGreaterThan(50);
    }

    /** The data check is not vacuous: a query that is empty without 5xx responses is reported. */
    @Test
    void theDataCheckReportsAnEmptyQuery() throws IOException {
        Path promtool = Infra.require("promtool", "PROMTOOL", "apt-get install prometheus (ships promtool).");
        Path work = Files.createDirectories(Infra.workDir().resolve("dashboard-data-empty"));
        String expr = "sum(rate(http_server_requests_seconds_count{status=~\"5..\"}[5m]))";
        YAML.writeValue(work.resolve("rules.yml").toFile(), Map.of("groups", List.of(Map.of("name", "x",
                "rules", List.of(Map.of("alert", "Empty", "expr", "absent(" + expr + ")"))))));
        ArrayNode series = (ArrayNode) YAML.readTree(getClass().getResourceAsStream("/dashboard-healthy-series.yml")).get("input_series");
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("interval", "1m");
        test.put("input_series", series);
        test.put("alert_rule_test", List.of(Map.of("eval_time", "180m", "alertname", "Empty", "exp_alerts", List.of())));
        YAML.writeValue(work.resolve("test.yml").toFile(),
                Map.of("rule_files", List.of("rules.yml"), "evaluation_interval", "1m", "tests", List.of(test)));
        var r = Infra.run(work, List.of(promtool.toString(), "test", "rules", "test.yml"));
        assertThat(r.exitCode()).as(r.describe()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("alertname: Empty");
    }
}

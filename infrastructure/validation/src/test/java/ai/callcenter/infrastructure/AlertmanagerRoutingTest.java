package ai.callcenter.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static ai.callcenter.infrastructure.K8s.find;
import static ai.callcenter.infrastructure.K8s.get;
import static ai.callcenter.infrastructure.K8s.maps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alertmanager routes by environment and severity: only production criticals page, staging and dev
 * criticals go to the chat, the Watchdog to its environment's dead man's switch, info nowhere
 * (amtool config routes test); the receivers' credential files are mounted where the config reads
 * them; and the inhibit rules suppress what they should in a running Alertmanager.
 */
class AlertmanagerRoutingTest {

    static final Path CONFIG = MonitoringTest.MONITORING.resolve("alertmanager/alertmanager.yml");

    static Path amtool() {
        return Infra.require("amtool", "AMTOOL", "apt-get install prometheus-alertmanager (ships amtool).");
    }

    /** The receivers amtool resolves for a label set, checked exactly (--verify.receivers). */
    static void assertRoute(List<String> labels, String receivers) {
        List<String> cmd = new ArrayList<>(List.of(amtool().toString(), "config", "routes", "test",
                "--config.file=" + CONFIG, "--verify.receivers=" + receivers));
        cmd.addAll(labels);
        var r = Infra.run(MonitoringTest.MONITORING, cmd);
        assertThat(r.exitCode()).as("%s -> %s: %s", labels, receivers, r.describe()).isZero();
    }

    @Test
    void productionCriticalsPageOthersDoNot() {
        assertRoute(List.of("alertname=CallcenterServiceAbsent", "environment=prod", "severity=critical", "job=agent"), "pager,chat-critical");
        assertRoute(List.of("alertname=CallcenterServiceAbsent", "environment=staging", "severity=critical", "job=agent"), "chat-critical");
        assertRoute(List.of("alertname=CallcenterServiceAbsent", "environment=dev", "severity=critical", "job=agent"), "chat-critical");
        // A critical from a Prometheus without its environment label: chat, never a page.
        assertRoute(List.of("alertname=CallcenterServiceAbsent", "severity=critical"), "chat-critical");
        assertRoute(List.of("alertname=CallcenterTargetDown", "environment=prod", "severity=warning"), "chat-warnings");
        assertRoute(List.of("alertname=CallcenterLowCacheHitRatio", "environment=prod", "severity=info"), "null");
        assertRoute(List.of("alertname=CallcenterLowCacheHitRatio", "environment=dev", "severity=info"), "null");
    }

    @Test
    void theWatchdogFeedsItsEnvironmentsDeadMansSwitch() {
        for (String env : Renders.ENVS) {
            assertRoute(List.of("alertname=Watchdog", "environment=" + env, "severity=none"), "deadmans-switch-" + env);
        }
        // No environment: no heartbeat, so the dead man's switch notices the broken label.
        assertRoute(List.of("alertname=Watchdog", "severity=none"), "null");
    }

    /** Every alert of the rule file, in every environment, by its severity. */
    @Test
    void everyAlertRoutesByItsSeverity() throws IOException {
        for (JsonNode alert : AlertRulesTest.rulesOf("alert")) {
            String name = alert.get("alert").asText();
            String severity = alert.path("labels").path("severity").asText();
            for (String env : Renders.ENVS) {
                String expected = switch (severity) {
                    case "critical" -> "prod".equals(env) ? "pager,chat-critical" : "chat-critical";
                    case "warning" -> "chat-warnings";
                    case "info" -> "null";
                    case "none" -> "Watchdog".equals(name) ? "deadmans-switch-" + env : "null";
                    default -> throw new AssertionError(name + ": unknown severity " + severity);
                };
                assertRoute(List.of("alertname=" + name, "environment=" + env, "severity=" + severity), expected);
            }
        }
    }

    /** Each *_file the config reads is in a Secret volume of the rendered Alertmanager (the pager's in prod only). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"overlay/dev", "overlay/staging", "overlay/prod", "helm/dev", "helm/prod"})
    void credentialFilesAreMounted(String render) throws IOException {
        var objects = Renders.get(render);
        var deployment = find(objects, "Deployment", "alertmanager");
        var container = maps(K8s.podTemplate(deployment), "spec", "containers").get(0);
        Map<String, String> secretByVolume = new TreeMap<>();
        for (var v : maps(K8s.podTemplate(deployment), "spec", "volumes")) {
            if (get(v, "secret", "secretName") != null) {
                secretByVolume.put(String.valueOf(v.get("name")), String.valueOf(get(v, "secret", "secretName")));
            }
        }
        Map<String, String> secretByPath = new TreeMap<>();
        for (var m : maps(container, "volumeMounts")) {
            String secret = secretByVolume.get(String.valueOf(m.get("name")));
            if (secret != null) {
                secretByPath.put(String.valueOf(m.get("mountPath")), secret);
            }
        }
        Set<String> externalSecrets = new TreeSet<>();
        K8s.ofKind(objects, "ExternalSecret").forEach(es -> externalSecrets.add(String.valueOf(get(es, "spec", "target", "name"))));
        Matcher m = Pattern.compile("(?m)^\\s*(?:api_url_file|routing_key_file|credentials_file):\\s*(\\S+)").matcher(Files.readString(CONFIG));
        int files = 0;
        while (m.find()) {
            String path = m.group(1);
            if (path.startsWith("/etc/alertmanager/pager/") && !"prod".equals(Environments.of(render))) {
                assertThat(secretByPath).as("%s: only production has the pager key", render).doesNotContainKey("/etc/alertmanager/pager");
                continue;
            }
            String dir = path.substring(0, path.lastIndexOf('/'));
            assertThat(secretByPath).as("%s: %s is in a mounted Secret", render, path).containsKey(dir);
            assertThat(externalSecrets).as("%s: the Secret behind %s is synced", render, path).contains(secretByPath.get(dir));
            files++;
        }
        assertThat(files).isPositive();
    }

    /** The inhibit rules in a running Alertmanager (the Debian package's, 0.25): what is suppressed and what is not. */
    @Test
    void inhibitRulesSuppressTheRightAlerts() throws Exception {
        Path binary = Infra.find("alertmanager", "ALERTMANAGER_BIN").or(() -> Infra.find("prometheus-alertmanager", null))
                .orElseGet(() -> Infra.require("alertmanager", "ALERTMANAGER_BIN", "apt-get install prometheus-alertmanager."));
        Path work = Files.createDirectories(Infra.workDir().resolve("alertmanager"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(binary.toString(), "--config.file=" + CONFIG,
                "--storage.path=" + Files.createTempDirectory(work, "data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=").directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("alertmanager.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port;
            waitReady(http, base, p, work);
            // tfidf is gone (absent) and its pod down; the agent burns its budget fast; a breaker is open.
            Map<String, Map<String, String>> alerts = new LinkedHashMap<>();
            alerts.put("absent", Map.of("alertname", "CallcenterServiceAbsent", "environment", "prod", "job", "tfidf", "severity", "critical"));
            alerts.put("tfidf-down", Map.of("alertname", "CallcenterTargetDown", "environment", "prod", "namespace", "callcenter-prod",
                    "job", "tfidf", "instance", "10.0.0.2:9001", "severity", "warning"));
            alerts.put("tfidf-heap", Map.of("alertname", "CallcenterJvmHeapPressure", "environment", "prod", "namespace", "callcenter-prod",
                    "job", "tfidf", "instance", "10.0.0.2:9001", "severity", "warning"));
            alerts.put("burn-fast", Map.of("alertname", "CallcenterPredictErrorBudgetBurnFast", "environment", "prod",
                    "namespace", "callcenter-prod", "job", "agent", "severity", "critical"));
            alerts.put("burn-slow", Map.of("alertname", "CallcenterPredictErrorBudgetBurnSlow", "environment", "prod",
                    "namespace", "callcenter-prod", "job", "agent", "severity", "warning"));
            alerts.put("agent-5xx", Map.of("alertname", "CallcenterHighErrorRate", "environment", "prod", "namespace", "callcenter-prod",
                    "job", "agent", "severity", "critical"));
            // Another environment's and another service's alerts are not touched.
            alerts.put("staging-5xx", Map.of("alertname", "CallcenterHighErrorRate", "environment", "staging",
                    "namespace", "callcenter-staging", "job", "agent", "severity", "critical"));
            alerts.put("transformer-down", Map.of("alertname", "CallcenterTargetDown", "environment", "prod", "namespace", "callcenter-prod",
                    "job", "transformer", "instance", "10.0.0.3:9002", "severity", "warning"));
            alerts.put("breaker", Map.of("alertname", "CallcenterCircuitBreakerOpen", "environment", "prod", "namespace", "callcenter-prod",
                    "job", "agent", "name", "transformer", "severity", "warning"));
            alerts.put("fallbacks", Map.of("alertname", "CallcenterAgentFallbacksHigh", "environment", "prod", "namespace", "callcenter-prod",
                    "job", "agent", "severity", "warning"));
            List<Map<String, Object>> body = new ArrayList<>();
            for (var labels : alerts.values()) {
                body.add(Map.of("labels", labels, "annotations", Map.of("summary", "test"),
                        "startsAt", Instant.now().minusSeconds(60).toString(), "endsAt", Instant.now().plusSeconds(600).toString()));
            }
            var post = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).as(post.body()).isEqualTo(200);

            Set<String> expectedInhibited = Set.of("tfidf-down", "tfidf-heap", "burn-slow", "agent-5xx", "fallbacks");
            Map<String, Boolean> inhibited = Map.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                inhibited = inhibitedState(http, base, alerts);
                Set<String> now = new TreeSet<>();
                inhibited.forEach((k, v) -> {
                    if (v) {
                        now.add(k);
                    }
                });
                if (inhibited.size() == alerts.size() && now.equals(expectedInhibited)) {
                    break;
                }
                Thread.sleep(250);
            }
            Map<String, Boolean> expected = new TreeMap<>();
            alerts.keySet().forEach(k -> expected.put(k, expectedInhibited.contains(k)));
            assertThat(new TreeMap<>(inhibited)).as("inhibited alerts (log: %s)", work.resolve("alertmanager.log")).isEqualTo(expected);
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static void waitReady(HttpClient http, String base, Process p, Path work) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            assertThat(p.isAlive()).as("Alertmanager exited: %s", Files.readString(work.resolve("alertmanager.log"))).isTrue();
            assertThat(System.nanoTime()).as("Alertmanager ready within 60 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** For each posted alert (by its key), whether Alertmanager reports it inhibited. */
    private static Map<String, Boolean> inhibitedState(HttpClient http, String base, Map<String, Map<String, String>> posted) throws Exception {
        var resp = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts?active=true&inhibited=true&silenced=true")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode list = new ObjectMapper().readTree(resp.body());
        Map<String, Boolean> out = new TreeMap<>();
        for (JsonNode a : list) {
            Map<String, String> labels = new TreeMap<>();
            a.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            posted.forEach((key, l) -> {
                if (new TreeMap<>(l).equals(labels)) {
                    out.put(key, !a.path("status").path("inhibitedBy").isEmpty());
                }
            });
        }
        return out;
    }
}

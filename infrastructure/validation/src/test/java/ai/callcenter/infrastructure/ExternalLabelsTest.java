package ai.callcenter.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static ai.callcenter.infrastructure.K8s.find;
import static ai.callcenter.infrastructure.K8s.get;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.maps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each environment's Prometheus labels what leaves it with its environment (external_labels), from one
 * shared prometheus.yml: ${ENVIRONMENT} is expanded at start-up (expand-external-labels), and the
 * Deployment takes ENVIRONMENT from its pod's callcenter-ai/environment label (downward API). Checked
 * on the rendered objects of every overlay and Helm values file, then by starting Prometheus with the
 * rendered configuration, feature flags and resolved environment, and asking it for its configuration.
 */
class ExternalLabelsTest {

    private static final Pattern LABEL_REF = Pattern.compile("^metadata\\.labels\\['([^']+)']$");

    /** What the kubelet would put in the Prometheus container's ENVIRONMENT, and the container's feature flags. */
    record Resolved(String environment, List<String> featureFlags, String config) {
    }

    static Resolved resolve(String render) {
        var objects = Renders.get(render);
        var deployment = find(objects, "Deployment", "prometheus");
        var container = maps(K8s.podTemplate(deployment), "spec", "containers").get(0);
        var env = maps(container, "env").stream().filter(e -> "ENVIRONMENT".equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(render + ": the Prometheus container has no ENVIRONMENT"));
        String value;
        if (env.containsKey("value")) {
            value = String.valueOf(env.get("value"));
        } else {
            String path = String.valueOf(get(env, "valueFrom", "fieldRef", "fieldPath"));
            Matcher m = LABEL_REF.matcher(path);
            assertThat(m.matches()).as("%s: ENVIRONMENT from %s", render, path).isTrue();
            value = String.valueOf(map(K8s.podTemplate(deployment), "metadata", "labels").get(m.group(1)));
        }
        List<String> flags = new ArrayList<>();
        K8s.list(container, "args").stream().map(String::valueOf).filter(a -> a.startsWith("--enable-feature=")).forEach(flags::add);
        var configMap = K8s.ofKind(objects, "ConfigMap").stream()
                .filter(cm -> HelmChartTest.stripHash(K8s.name(cm)).equals("prometheus-config")).findFirst().orElseThrow();
        // The ConfigMap the Deployment mounts is this one (Kustomize renames it with a hash suffix).
        assertThat(maps(K8s.podTemplate(deployment), "spec", "volumes")).anyMatch(v -> K8s.name(configMap).equals(get(v, "configMap", "name")));
        return new Resolved(value, flags, String.valueOf(map(configMap, "data").get("prometheus.yml")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyEnvironmentsPrometheusCarriesItsEnvironment(String env) throws Exception {
        Resolved overlay = resolve("overlay/" + env);
        Resolved helm = resolve("helm/" + env);
        assertThat(overlay.environment()).isEqualTo(env);
        assertThat(helm).isEqualTo(overlay);
        assertThat(overlay.featureFlags()).contains("--enable-feature=expand-external-labels");
        assertThat(overlay.config()).contains("environment: ${ENVIRONMENT}");

        JsonNode loaded = loadedConfig(overlay);
        assertThat(loaded.path("global").path("external_labels").path("environment").asText()).isEqualTo(env);
    }

    /** Starts Prometheus with the rendered config, flags and ENVIRONMENT; returns the configuration it runs. */
    static JsonNode loadedConfig(Resolved r) throws Exception {
        Path prometheus = Infra.require("prometheus", "PROMETHEUS_BIN", "apt-get install prometheus.");
        Path work = Files.createDirectories(Infra.workDir().resolve("external-labels-" + r.environment()));
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, r.config());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createTempDirectory(work, "data"), "--web.listen-address=127.0.0.1:" + port));
        cmd.addAll(r.featureFlags());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("ENVIRONMENT", r.environment());
        Process p = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try {
                    var ready = http.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(), HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                assertThat(p.isAlive()).as("Prometheus exited: %s", Files.readString(work.resolve("prometheus.log"))).isTrue();
                assertThat(System.nanoTime()).as("Prometheus ready within 60 s").isLessThan(deadline);
                Thread.sleep(200);
            }
            var resp = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/status/config")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(resp.statusCode()).isEqualTo(200);
            String yaml = new ObjectMapper().readTree(resp.body()).path("data").path("yaml").asText();
            return new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } finally {
            p.destroy();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}

package ai.callcenter.infrastructure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static ai.callcenter.infrastructure.K8s.get;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.maps;
import static org.assertj.core.api.Assertions.assertThat;

/** helm lint --strict and helm template per values file; the chart deploys what the overlays deploy. */
class HelmChartTest {

    static Path helm() {
        return Infra.require("helm", "HELM_BIN",
                "Install it with infrastructure/scripts/ci-setup.sh (go install helm.sh/helm/v3/cmd/helm@v3.22.0).");
    }

    @ParameterizedTest(name = "values-{0}.yaml")
    @ValueSource(strings = {"dev", "staging", "prod"})
    void lintsStrictly(String env) {
        var r = Infra.run(Infra.root(), List.of(helm().toString(), "lint", "--strict", Renders.chartDir().toString(),
                "--kube-version", "1.32.0", "-f", Renders.chartDir().resolve("values-" + env + ".yaml").toString()));
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    @Test
    void schemaRejectsBadValues() {
        for (List<String> bad : List.of(
                List.of("--set", "workloads.agent.image=ghcr.io/callcenter-ai/agent-service:latest"),
                List.of("--set", "autoscaling.minReplicas=zero"),
                List.of("--set", "delivery.strategy=rainbow"),
                List.of("--set", "workloads.tfidf.replicas=3"))) {
            List<String> cmd = new ArrayList<>(List.of(helm().toString(), "lint", "--strict", Renders.chartDir().toString(),
                    "--kube-version", "1.32.0", "-f", Renders.chartDir().resolve("values-dev.yaml").toString()));
            cmd.addAll(bad);
            assertThat(Infra.run(Infra.root(), cmd).exitCode()).as("helm lint with %s", bad).isNotZero();
        }
    }

    /** The chart ships copies of infrastructure/monitoring (Helm cannot read outside the chart): they must not drift. */
    @Test
    void monitoringFilesAreIdenticalToTheSources() throws IOException {
        Path m = Infra.root().resolve("monitoring");
        Path k = Infra.root().resolve("k8s/base");
        Map<String, Path> sources = new TreeMap<>(Map.of(
                "prometheus.yml", m.resolve("prometheus/prometheus.yml"),
                "callcenter-alerts.yml", m.resolve("prometheus/rules/callcenter-alerts.yml"),
                "alertmanager.yml", m.resolve("alertmanager/alertmanager.yml"),
                "datasources.yaml", m.resolve("grafana/provisioning/datasources.yaml"),
                "dashboards.yaml", m.resolve("grafana/provisioning/dashboards.yaml"),
                "redis.conf", k.resolve("redis/redis.conf"),
                "api-gateway.conf", k.resolve("api-gateway/nginx.conf"),
                "api-key.js", k.resolve("api-gateway/api-key.js")));
        // Every dashboard (DashboardSchemaTest checks that the chart's ConfigMap lists them all).
        for (Path d : Dashboards.files()) {
            sources.put(d.getFileName().toString(), d);
        }
        try (var files = Files.list(Renders.chartDir().resolve("files"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(sources.keySet());
        }
        for (var e : sources.entrySet()) {
            assertThat(Renders.chartDir().resolve("files/" + e.getKey())).as(e.getKey()).hasSameTextualContentAs(e.getValue());
        }
    }

    /**
     * Same deployment: the same objects (ConfigMap hash suffixes aside; the Namespace is created by
     * helm/Argo CD), and for every workload the same images, ports, probes, resources, env, volumes
     * and security context; the same HPAs, Ingress hosts, Certificates and NetworkPolicy graph.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "staging", "prod", "prod+canary", "prod+blueGreen"})
    void chartMatchesTheKustomizeOverlay(String spec) {
        String env = Environments.of("helm/" + spec);
        String kustomizeRender = switch (spec) {
            case "prod+canary" -> "combo/prod+rollouts-canary";
            case "prod+blueGreen" -> "combo/prod+rollouts-bluegreen";
            default -> "overlay/" + env;
        };
        var helm = Renders.get("helm/" + spec);
        var kustomize = Renders.get(kustomizeRender).stream().filter(o -> !"Namespace".equals(K8s.kind(o))).toList();
        assertThat(ids(helm)).isEqualTo(ids(kustomize));
        var h = essentials(helm);
        var k = essentials(kustomize);
        Map<String, String> differences = new TreeMap<>();
        for (String key : h.keySet()) {
            if (!h.get(key).equals(k.get(key))) {
                differences.put(key, "\n  helm:      " + h.get(key) + "\n  kustomize: " + k.get(key));
            }
        }
        assertThat(differences).as("objects that differ between the chart and %s", kustomizeRender).isEmpty();
        assertThat(NetworkGraph.compute(helm).edges()).isEqualTo(NetworkGraph.compute(kustomize).edges());
    }

    static Set<String> ids(List<Map<String, Object>> objects) {
        Set<String> ids = new TreeSet<>();
        objects.forEach(o -> ids.add(o.get("apiVersion") + " " + K8s.kind(o) + "/" + stripHash(o, K8s.name(o))));
        return ids;
    }

    /** ConfigMaps that Kustomize generates (with a content-hash suffix) and Helm renders without one. */
    static final Set<String> GENERATED_CONFIG_MAPS = Set.of("callcenter-config", "agent-config", "tfidf-config",
            "transformer-config", "redis-config", "prometheus-config", "prometheus-rules", "alertmanager-config",
            "grafana-datasources", "grafana-dashboard-providers", "grafana-dashboards", "api-gateway-config");

    static String stripHash(Map<String, Object> o, String name) {
        return "ConfigMap".equals(K8s.kind(o)) ? stripHash(name) : name;
    }

    static String stripHash(String name) {
        if (name.length() > 11 && name.charAt(name.length() - 11) == '-'
                && GENERATED_CONFIG_MAPS.contains(name.substring(0, name.length() - 11))) {
            return name.substring(0, name.length() - 11);
        }
        return name;
    }

    /** The fields that decide what runs, normalised (quantities, ConfigMap hash suffixes, label sets). */
    static Map<String, String> essentials(List<Map<String, Object>> objects) {
        Map<String, String> out = new TreeMap<>();
        for (var o : objects) {
            String id = K8s.kind(o) + "/" + stripHash(o, K8s.name(o));
            if (K8s.isWorkload(o)) {
                var spec = map(K8s.podTemplate(o), "spec");
                StringBuilder sb = new StringBuilder();
                // Init containers too (MLflow's schema upgrade): Policies.containers lists both.
                for (var c : Policies.containers(o)) {
                    sb.append(c.get("name")).append(' ').append(c.get("image")).append(' ').append(c.get("ports"))
                            .append(" probes=").append(c.get("startupProbe")).append(c.get("livenessProbe")).append(c.get("readinessProbe"))
                            .append(" cpu=").append(Policies.millicores(get(c, "resources", "requests", "cpu")))
                            .append('/').append(Policies.millicores(get(c, "resources", "limits", "cpu")))
                            .append(" mem=").append(Policies.mebibytes(get(c, "resources", "requests", "memory")))
                            .append('/').append(Policies.mebibytes(get(c, "resources", "limits", "memory")))
                            .append(" env=").append(envByName(c)).append(" envFrom=").append(normalise(c.get("envFrom")))
                            .append(" mounts=").append(c.get("volumeMounts")).append(" sec=").append(c.get("securityContext"))
                            .append(" cmd=").append(c.get("command")).append(c.get("args")).append(" life=").append(c.get("lifecycle"));
                }
                sb.append(" volumes=").append(normalise(spec.get("volumes"))).append(" podsec=").append(spec.get("securityContext"))
                        .append(" sa=").append(spec.get("serviceAccountName")).append(" prio=").append(spec.get("priorityClassName"))
                        .append(" grace=").append(spec.get("terminationGracePeriodSeconds"))
                        .append(" replicas=").append(get(o, "spec", "replicas")).append(" strategy=").append(get(o, "spec", "strategy"));
                if ("CronJob".equals(K8s.kind(o))) {
                    // Schedule, concurrency, history and the Job's own limits (everything but the pod template).
                    var cron = new TreeMap<>(map(o, "spec"));
                    var job = new TreeMap<>(map(o, "spec", "jobTemplate", "spec"));
                    cron.remove("jobTemplate");
                    job.remove("template");
                    sb.append(" cron=").append(normalise(cron)).append(" job=").append(normalise(job))
                            .append(" restart=").append(spec.get("restartPolicy"));
                }
                out.put(id, sb.toString());
            } else if (List.of("HorizontalPodAutoscaler", "Ingress", "Certificate", "PodDisruptionBudget", "Rollout",
                    "AnalysisTemplate", "ExternalSecret", "PersistentVolumeClaim", "Service", "PriorityClass").contains(K8s.kind(o))) {
                out.put(id, String.valueOf(normalise(o.get("spec")) + " " + o.get("value")));
            } else if ("ConfigMap".equals(K8s.kind(o))) {
                out.put(id, String.valueOf(normalise(o.get("data"))));
            }
        }
        return out;
    }

    /** Env vars by name (an overlay's strategic-merge patch may reorder them; none of the moved ones is referenced). */
    static Map<String, Object> envByName(Map<String, Object> container) {
        Map<String, Object> out = new TreeMap<>();
        maps(container, "env").forEach(e -> out.put(String.valueOf(e.get("name")), normalise(e)));
        return out;
    }

    /** Strips ConfigMap hash suffixes out of references and orders maps. */
    static Object normalise(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), normalise(v)));
            return sorted;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(HelmChartTest::normalise).toList();
        }
        if (value instanceof String s) {
            return stripHash(s);
        }
        return value;
    }
}

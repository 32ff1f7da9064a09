package ai.callcenter.infrastructure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static ai.callcenter.infrastructure.K8s.find;
import static ai.callcenter.infrastructure.K8s.get;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.maps;
import static ai.callcenter.infrastructure.K8s.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

/** Policies read from the rendered output of every environment (Kustomize and Helm). */
class PolicyTest {

    static List<String> renders() {
        return Environments.appRenders();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyContainerIsHardenedWithProbesAndLimits(String render) {
        assertThat(Policies.containerHardening(Renders.get(render))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void imagesArePinned(String render) {
        assertThat(Policies.imagesPinned(Renders.get(render))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void ownServiceAccountsWithoutTokens(String render) {
        assertThat(Policies.serviceAccounts(Renders.get(render))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void recommendedLabels(String render) {
        assertThat(Policies.labels(Renders.get(render))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void secretsOnlyByReference(String render) {
        var objects = Renders.get(render);
        assertThat(Policies.secrets(objects)).isEmpty();
        var targets = ofKind(objects, "ExternalSecret").stream().map(es -> get(es, "spec", "target", "name")).toList();
        assertThat(targets).contains("groq-api-key", "postgres-credentials", "grafana-admin");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void rollingUpdatesNeverReduceCapacity(String render) {
        assertThat(Policies.rolloutStrategy(Renders.get(render))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void hpaRangesFollowTheEnvironmentTable(String render) {
        String env = Environments.of(render);
        assertThat(Policies.hpas(Renders.get(render), Environments.hpa(env))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void ingressHasTlsRateLimitsAndAdminAuth(String render) {
        String env = Environments.of(render);
        var objects = Renders.get(render);
        assertThat(Policies.ingress(objects, Environments.issuer(env))).isEmpty();
        assertThat(Policies.hosts(objects)).containsExactlyInAnyOrderElementsOf(Policies.expectedHosts(env));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void productionExtrasOnlyInProd(String render) {
        var objects = Renders.get(render);
        if (Environments.of(render).equals("prod")) {
            assertThat(Policies.productionExtras(objects)).isEmpty();
        } else {
            assertThat(ofKind(objects, "PodDisruptionBudget")).isEmpty();
            assertThat(ofKind(objects, "PriorityClass")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void logLevelAndNamespaceFollowTheEnvironmentTable(String render) {
        String env = Environments.of(render);
        var objects = Renders.get(render);
        var config = ofKind(objects, "ConfigMap").stream()
                .filter(cm -> K8s.name(cm).startsWith("callcenter-config")).toList();
        assertThat(config).hasSize(1);
        assertThat(map(config.get(0), "data").get("LOGGING_LEVEL_AI_CALLCENTER")).isEqualTo(Environments.logLevel(env));
        if (!render.startsWith("helm/")) {
            var ns = find(objects, "Namespace", "callcenter-" + env);
            assertThat(map(ns, "metadata", "labels").get("pod-security.kubernetes.io/enforce")).isEqualTo("restricted");
        }
    }

    /** Reduced / medium / full: every app service gets more memory from dev to staging to prod, and enough for its RSS. */
    @Test
    void resourcesGrowFromDevToProdAndFitTheServices() {
        Map<String, Double> rssMB = Map.of("agent", 700.0, "tfidf", 600.0, "transformer", 1200.0);
        for (String app : Policies.APP_SERVICES) {
            double previous = 0;
            for (String env : Renders.ENVS) {
                var d = find(Renders.get("overlay/" + env), "Deployment", app);
                var c = maps(K8s.podTemplate(d), "spec", "containers").get(0);
                double request = Policies.mebibytes(get(c, "resources", "requests", "memory"));
                double limit = Policies.mebibytes(get(c, "resources", "limits", "memory"));
                assertThat(limit).as("%s %s memory limit grows per environment", env, app).isGreaterThan(previous);
                // The memory HPA target is 70 % of the request: a service at its normal RSS must stay below it.
                assertThat(request * 0.70).as("%s %s: 70 %% of the memory request vs RSS %s MB", env, app, rssMB.get(app))
                        .isGreaterThan(rssMB.get(app) * 1_000_000 / 1_048_576);
                previous = limit;
            }
        }
    }

    @Test
    void prometheusKeepsFiftyGibibytesOfTsdbAndModelsArePersistent() {
        for (String env : Renders.ENVS) {
            var objects = Renders.get("overlay/" + env);
            assertThat(get(find(objects, "PersistentVolumeClaim", "prometheus-data"), "spec", "resources", "requests", "storage"))
                    .isEqualTo("50Gi");
            for (String pvc : List.of("tfidf-models", "transformer-models", "transformer-encoder-cache", "mlflow-artifacts")) {
                assertThat(find(objects, "PersistentVolumeClaim", pvc)).isNotNull();
            }
            assertThat(K8s.list(find(objects, "StatefulSet", "postgres"), "spec", "volumeClaimTemplates")).hasSize(1);
        }
    }

    // --- The checks must fail on broken input: each is exercised against a mutated copy. ---

    @Test
    void policyChecksCatchViolations() {
        var objects = Renders.copyAll(Renders.get("overlay/prod"));
        var agent = find(objects, "Deployment", "agent");
        var c = maps(K8s.podTemplate(agent), "spec", "containers").get(0);
        c.remove("readinessProbe");
        map(c, "securityContext").put("readOnlyRootFilesystem", false);
        map(c, "resources", "limits").remove("memory");
        c.put("image", "ghcr.io/callcenter-ai/agent-service:latest");
        assertThat(Policies.containerHardening(objects)).anyMatch(v -> v.contains("no readinessProbe"))
                .anyMatch(v -> v.contains("readOnlyRootFilesystem")).anyMatch(v -> v.contains("limits.memory"));
        assertThat(Policies.imagesPinned(objects)).anyMatch(v -> v.contains(":latest"));

        objects.removeIf(o -> K8s.id(o).equals("PodDisruptionBudget/tfidf"));
        assertThat(Policies.productionExtras(objects)).anyMatch(v -> v.contains("Deployment/tfidf"));

        var hpa = find(objects, "HorizontalPodAutoscaler", "transformer");
        map(hpa, "spec").put("maxReplicas", 4);
        assertThat(Policies.hpas(objects, Environments.hpa("prod"))).anyMatch(v -> v.contains("transformer"));

        var admin = find(objects, "Ingress", "admin");
        map(admin, "metadata", "annotations").remove("nginx.ingress.kubernetes.io/auth-type");
        var api = find(objects, "Ingress", "api");
        map(api, "metadata", "annotations").remove("nginx.ingress.kubernetes.io/limit-rps");
        map(api, "spec").remove("tls");
        var ingressProblems = Policies.ingress(objects, "letsencrypt-prod");
        assertThat(ingressProblems).anyMatch(v -> v.contains("without authentication"))
                .anyMatch(v -> v.contains("no rate limit")).anyMatch(v -> v.contains("has no TLS"));
        assertThat(Policies.ingress(Renders.get("overlay/prod"), "letsencrypt-staging"))
                .anyMatch(v -> v.contains("expected letsencrypt-staging"));

        var redis = find(objects, "Deployment", "redis");
        maps(K8s.podTemplate(redis), "spec", "containers").get(0).put("env",
                new java.util.ArrayList<>(List.of(new java.util.HashMap<>(Map.of("name", "REDIS_PASSWORD", "value", "hunter2")))));
        assertThat(Policies.secrets(objects)).anyMatch(v -> v.contains("literal value"));
    }
}

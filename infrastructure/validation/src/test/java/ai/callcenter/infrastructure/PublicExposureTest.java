package ai.callcenter.infrastructure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static ai.callcenter.infrastructure.K8s.find;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.maps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API host reaches the agent's API and nothing else: no actuator path is routed, no Ingress
 * backend is a management port, and in the NetworkPolicy graph only Prometheus reaches the management
 * ports (the kubelet's probes come from the pod's own node, which NetworkPolicies do not filter).
 * Checked in every overlay, overlay + delivery component and Helm render.
 */
class PublicExposureTest {

    static List<String> renders() {
        return Environments.appRenders();
    }

    @Test
    void theAgentsPublicApiIsReadFromItsControllers() {
        assertThat(Exposure.agentControllerPaths()).contains("/predict", "/predict/batch", "/feedback")
                .allMatch(p -> !p.startsWith("/actuator"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void thePublicHostRoutesOnlyTheApi(String render) {
        var objects = Renders.get(render);
        assertThat(Exposure.publicHost(objects, Exposure.publicApiPaths())).as("public host of %s", render).isEmpty();
        Set<String> apiPaths = new TreeSet<>();
        Exposure.routes(objects).stream().filter(r -> Exposure.isApiHost(r.host())).forEach(r -> apiPaths.add(r.path()));
        assertThat(apiPaths).isEqualTo(Exposure.publicApiPaths());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void actuatorsRunOnManagementPortsThatOnlyPrometheusReaches(String render) {
        var objects = Renders.get(render);
        assertThat(Exposure.managementPorts(objects)).as("management ports in %s", render).isEmpty();
        assertThat(Exposure.managementReachability(NetworkGraph.compute(objects).edges()))
                .as("who reaches the management ports in %s", render).isEmpty();
    }

    // --- The checks must fail on broken input. ---

    @Test
    @SuppressWarnings("unchecked")
    void aPrefixRouteOrAManagementBackendIsCaught() {
        var objects = Renders.copyAll(Renders.get("overlay/prod"));
        var api = find(objects, "Ingress", "api");
        var paths = (List<Object>) map(maps(map(api, "spec"), "rules").get(0), "http").get("paths");
        // The old catch-all: everything, /actuator included, to the agent.
        paths.add(new HashMap<>(Map.of("path", "/", "pathType", "Prefix",
                "backend", Map.of("service", Map.of("name", "agent", "port", Map.of("name", "http"))))));
        assertThat(Exposure.publicHost(objects, Exposure.publicApiPaths()))
                .anyMatch(v -> v.contains("forwards /actuator/prometheus")).anyMatch(v -> v.contains("must be Exact"));

        // A management port on the agent's Service, and an Ingress path to it.
        var objects2 = Renders.copyAll(Renders.get("helm/prod"));
        var svc = find(objects2, "Service", "agent");
        ((List<Object>) map(svc, "spec").get("ports")).add(new HashMap<>(Map.of("name", "management", "port", 9000,
                "targetPort", "management", "protocol", "TCP")));
        var api2 = find(objects2, "Ingress", "api");
        var paths2 = (List<Object>) map(maps(map(api2, "spec"), "rules").get(0), "http").get("paths");
        paths2.add(new HashMap<>(Map.of("path", "/actuator/health", "pathType", "Exact",
                "backend", Map.of("service", Map.of("name", "agent", "port", Map.of("name", "management"))))));
        assertThat(Exposure.publicHost(objects2, Exposure.publicApiPaths()))
                .anyMatch(v -> v.contains("routes to the management port of agent"))
                .anyMatch(v -> v.contains("forwards /actuator/health"));
        assertThat(Exposure.managementPorts(objects2)).anyMatch(v -> v.contains("Service/agent: a client-facing Service"));

        // An API path the controllers do not have, and a controller path the Ingress lacks.
        Set<String> more = new TreeSet<>(Exposure.publicApiPaths());
        more.add("/predict/stream");
        assertThat(Exposure.publicHost(Renders.get("overlay/dev"), more)).anyMatch(v -> v.contains("/predict/stream is not routed"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theIngressControllerOnAManagementPortIsCaught() {
        var objects = new ArrayList<>(Renders.copyAll(Renders.get("overlay/staging")));
        var agent = find(objects, "NetworkPolicy", "agent");
        // The ingress controller's namespace admitted to the agent's management port (around the gateway).
        ((List<Object>) map(agent, "spec").get("ingress")).add(new HashMap<>(Map.of(
                "from", List.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx")))),
                "ports", List.of(Map.of("protocol", "TCP", "port", 9000)))));
        var edges = NetworkGraph.compute(objects).edges();
        assertThat(edges).contains("ingress-nginx -> agent:9000/TCP");
        assertThat(Exposure.managementReachability(edges)).anyMatch(v -> v.contains("reachable by ingress-nginx"));

        var deployment = find(objects, "Deployment", "tfidf");
        var c = maps(K8s.podTemplate(deployment), "spec", "containers").get(0);
        map(c, "livenessProbe", "httpGet").put("port", "http");
        assertThat(Exposure.managementPorts(objects)).anyMatch(v -> v.contains("livenessProbe is not on the management port"));
    }
}

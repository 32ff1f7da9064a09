package ai.callcenter.infrastructure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
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

/** The traffic graph computed from the NetworkPolicies equals the design's graph exactly. */
class NetworkPolicyGraphTest {

    static Path designFile() {
        return Infra.root().resolve("validation/src/test/resources/design-network-graph.txt");
    }

    static List<String> renders() {
        return Environments.appRenders();
    }

    static Set<String> expectedFor(String render, List<Map<String, Object>> objects) {
        Set<String> expected = new TreeSet<>(NetworkGraph.expected(designFile(), objects));
        // With a delivery component, the Argo Rollouts controller queries Prometheus for the analysis.
        if (render.contains("+")) {
            expected.add("argo-rollouts -> prometheus:9090/TCP");
        }
        return expected;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void graphEqualsTheDesign(String render) {
        var objects = Renders.get(render);
        var result = NetworkGraph.compute(objects);
        assertThat(result.problems()).as("network policy problems in %s", render).isEmpty();
        Set<String> expected = expectedFor(render, objects);
        Set<String> extra = new TreeSet<>(result.edges());
        extra.removeAll(expected);
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(result.edges());
        assertThat(extra).as("edges allowed by %s but not in the design", render).isEmpty();
        assertThat(missing).as("design edges not allowed by %s", render).isEmpty();
    }

    @Test
    void productionNarrowsPeersButKeepsTheGraph() {
        var prod = Renders.get("overlay/prod");
        var dns = find(prod, "NetworkPolicy", "allow-dns-egress");
        assertThat(map(maps(maps(map(dns, "spec"), "egress").get(0), "to").get(0), "podSelector", "matchLabels"))
                .containsEntry("k8s-app", "kube-dns");
        var gateway = find(prod, "NetworkPolicy", "api-gateway");
        assertThat(map(maps(maps(map(gateway, "spec"), "ingress").get(0), "from").get(0), "podSelector", "matchLabels"))
                .containsEntry("app.kubernetes.io/name", "ingress-nginx");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWrongEdgeIsDetected() {
        var objects = Renders.copyAll(Renders.get("overlay/dev"));
        Set<String> expected = expectedFor("overlay/dev", objects);
        assertThat(NetworkGraph.compute(objects).edges()).isEqualTo(expected);

        // tfidf -> redis, allowed on both ends: a complete but forbidden edge.
        var tfidf = find(objects, "NetworkPolicy", "tfidf");
        ((List<Object>) map(tfidf, "spec").get("egress")).add(new HashMap<>(Map.of(
                "to", List.of(Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "redis")))),
                "ports", List.of(Map.of("protocol", "TCP", "port", 6379)))));
        var redis = find(objects, "NetworkPolicy", "redis");
        ((List<Object>) map(redis, "spec").get("ingress")).add(new HashMap<>(Map.of(
                "from", List.of(Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "tfidf")))),
                "ports", List.of(Map.of("protocol", "TCP", "port", 6379)))));
        var wrong = NetworkGraph.compute(objects);
        assertThat(wrong.edges()).contains("tfidf -> redis:6379/TCP").isNotEqualTo(expected);

        // Only one side: reported as half-open.
        var objects2 = Renders.copyAll(Renders.get("overlay/dev"));
        var grafana = find(objects2, "NetworkPolicy", "grafana");
        ((List<Object>) map(grafana, "spec").get("egress")).add(new HashMap<>(Map.of(
                "to", List.of(Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "postgres")))),
                "ports", List.of(Map.of("protocol", "TCP", "port", 5432)))));
        assertThat(NetworkGraph.compute(objects2).problems()).anyMatch(p -> p.contains("grafana -> postgres:5432/TCP"));

        // A missing edge and a missing default deny.
        var objects3 = new ArrayList<>(Renders.copyAll(Renders.get("overlay/dev")));
        objects3.removeIf(o -> K8s.id(o).equals("NetworkPolicy/default-deny-all"));
        var mlflow = find(objects3, "NetworkPolicy", "mlflow");
        map(mlflow, "spec").put("egress", List.of());
        var broken = NetworkGraph.compute(objects3);
        assertThat(broken.problems()).anyMatch(p -> p.contains("no default-deny"));
        assertThat(broken.edges()).doesNotContain("mlflow -> postgres:5432/TCP");
    }
}

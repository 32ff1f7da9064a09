package ai.callcenter.infrastructure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay, every overlay + delivery component, the cluster and Argo CD kustomizations and
 * every Helm values file render; every object in them is valid against its schema, strictly.
 */
class RenderAndSchemaTest {

    /** Kinds that are validated as custom resources; anything else must be a built-in kind. */
    static final Set<String> CRD_KINDS = Set.of("Application", "AppProject", "Rollout", "AnalysisTemplate",
            "Certificate", "ClusterIssuer", "ExternalSecret");

    static List<String> renders() {
        return Renders.allRenderNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void rendersAndEveryObjectIsSchemaValid(String render) {
        var objects = Renders.get(render);
        assertThat(objects).as("objects rendered by %s", render).isNotEmpty();

        Map<String, List<String>> problems = new LinkedHashMap<>();
        List<Map<String, Object>> customResources = new ArrayList<>();
        for (var o : objects) {
            if (CRD_KINDS.contains(K8s.kind(o))) {
                customResources.add(o);
            } else if (StrictKubernetesDecoder.isBuiltIn(o)) {
                var p = StrictKubernetesDecoder.validate(o);
                if (!p.isEmpty()) {
                    problems.put(K8s.id(o), p);
                }
            } else {
                problems.put(K8s.id(o), List.of("unknown API group " + o.get("apiVersion") + ": no schema to validate against"));
            }
        }
        problems.putAll(CrdValidator.validate(customResources));
        assertThat(problems).as("schema problems in %s", render).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void objectNamesAreUniqueAndNamespaced(String render) {
        var objects = Renders.get(render);
        Set<String> seen = new java.util.HashSet<>();
        for (var o : objects) {
            String key = o.get("apiVersion") + "/" + K8s.id(o);
            assertThat(seen.add(key)).as("duplicate object %s in %s", key, render).isTrue();
        }
        if (render.startsWith("overlay/") || render.startsWith("combo/") || render.startsWith("helm/")) {
            String env = Environments.of(render);
            Set<String> clusterScoped = Set.of("Namespace", "PriorityClass", "ClusterIssuer");
            for (var o : objects) {
                if (!clusterScoped.contains(K8s.kind(o))) {
                    assertThat(K8s.map(o, "metadata").get("namespace")).as("namespace of %s in %s", K8s.id(o), render)
                            .isEqualTo("callcenter-" + env);
                }
            }
        }
    }
}

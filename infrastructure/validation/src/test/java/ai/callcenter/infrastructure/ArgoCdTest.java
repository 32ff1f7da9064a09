package ai.callcenter.infrastructure;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static ai.callcenter.infrastructure.K8s.find;
import static ai.callcenter.infrastructure.K8s.get;
import static ai.callcenter.infrastructure.K8s.list;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

/** Argo CD: project, per-environment sync policies and branches, app-of-apps wiring. */
class ArgoCdTest {

    @Test
    void environmentsSyncAsDesigned() {
        var apps = Renders.get("argocd/apps");
        var dev = find(apps, "Application", "callcenter-ai-dev");
        assertThat(get(dev, "spec", "source", "targetRevision")).isEqualTo("develop");
        assertThat(get(dev, "spec", "syncPolicy", "automated", "prune")).isEqualTo(true);
        assertThat(get(dev, "spec", "syncPolicy", "automated", "selfHeal")).isEqualTo(true);

        var staging = find(apps, "Application", "callcenter-ai-staging");
        assertThat(get(staging, "spec", "source", "targetRevision")).isEqualTo("staging");
        assertThat(get(staging, "spec", "syncPolicy", "automated")).isNotNull();

        var prod = find(apps, "Application", "callcenter-ai-prod");
        assertThat(get(prod, "spec", "source", "targetRevision")).isEqualTo("main");
        assertThat(get(prod, "spec", "syncPolicy", "automated")).as("prod syncs manually").isNull();
    }

    @Test
    void applicationsPointAtExistingPathsInsideTheProject() {
        var apps = Renders.get("argocd/apps");
        var project = find(apps, "AppProject", "callcenter-ai");
        var repos = list(project, "spec", "sourceRepos");
        var destinations = K8s.maps(project, "spec", "destinations").stream().map(d -> d.get("namespace")).toList();
        for (var app : ofKind(apps, "Application")) {
            assertThat(get(app, "spec", "project")).isEqualTo("callcenter-ai");
            assertThat(repos).contains(get(app, "spec", "source", "repoURL"));
            assertThat(destinations).contains(get(app, "spec", "destination", "namespace"));
            String path = String.valueOf(get(app, "spec", "source", "path"));
            assertThat(Files.isRegularFile(Infra.repoRoot().resolve(path).resolve("kustomization.yaml")))
                    .as("%s points at %s", K8s.name(app), path).isTrue();
        }
        for (String env : Renders.ENVS) {
            var app = find(apps, "Application", "callcenter-ai-" + env);
            assertThat(get(app, "spec", "destination", "namespace")).isEqualTo("callcenter-" + env);
            assertThat(get(app, "spec", "source", "path")).isEqualTo("infrastructure/k8s/overlays/" + env);
        }
    }

    /** Every kind that the overlays render is allowed by the project (otherwise Argo CD refuses to sync it). */
    @Test
    void projectAllowsEveryRenderedKind() {
        var project = find(Renders.get("argocd/apps"), "AppProject", "callcenter-ai");
        var namespaced = K8s.maps(project, "spec", "namespaceResourceWhitelist").stream().map(m -> m.get("kind")).toList();
        var clusterScoped = K8s.maps(project, "spec", "clusterResourceWhitelist").stream().map(m -> m.get("kind")).toList();
        for (String render : Renders.kustomizeRenderNames()) {
            if (render.startsWith("argocd/")) {
                continue;
            }
            for (Map<String, Object> o : Renders.get(render)) {
                String kind = K8s.kind(o);
                boolean isClusterScoped = List.of("Namespace", "PriorityClass", "ClusterIssuer").contains(kind);
                assertThat(isClusterScoped ? clusterScoped : namespaced).as("%s of %s allowed by the AppProject", kind, render)
                        .contains(kind);
            }
        }
    }

    @Test
    void appOfAppsManagesTheApplicationsDirectory() {
        var root = find(Renders.get("argocd/bootstrap"), "Application", "callcenter-ai-root");
        assertThat(get(root, "spec", "source", "path")).isEqualTo("infrastructure/argocd/apps");
        assertThat(map(root, "spec", "syncPolicy", "automated")).isNotEmpty();
        assertThat(ofKind(Renders.get("argocd/apps"), "Application")).extracting(K8s::name)
                .containsExactlyInAnyOrder("callcenter-ai-cluster", "callcenter-ai-dev", "callcenter-ai-staging", "callcenter-ai-prod");
    }
}

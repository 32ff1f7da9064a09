package ai.callcenter.infrastructure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static ai.callcenter.infrastructure.K8s.find;
import static ai.callcenter.infrastructure.K8s.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No git delete removes data: in every environment's render (overlay, overlay + delivery component, Helm) the
 * Namespace, the PersistentVolumeClaims and the PostgreSQL StatefulSet are neither pruned nor deleted with their
 * Application, and removing an environment's Application from the app of apps does not cascade into it.
 */
class StateProtectionTest {

    static List<String> renders() {
        return Environments.appRenders();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void statefulObjectsSurviveAGitDelete(String render) {
        var objects = Renders.get(render);
        assertThat(StateProtection.environment(objects, render.startsWith("helm/"))).as("unprotected state in %s", render).isEmpty();
        assertThat(StateProtection.statefulObjects(objects)).as("stateful objects in %s", render)
                .extracting(K8s::id).contains("StatefulSet/postgres", "PersistentVolumeClaim/mlflow-artifacts",
                        "PersistentVolumeClaim/prometheus-data", "PersistentVolumeClaim/postgres-backups");
    }

    @Test
    void removingAnEnvironmentFromTheAppOfAppsDoesNotCascade() {
        var root = find(Renders.get("argocd/bootstrap"), "Application", "callcenter-ai-root");
        assertThat(StateProtection.appOfApps(root, Renders.get("argocd/apps"))).isEmpty();
    }

    // --- The checks must fail on broken input: each is exercised against a mutated copy. ---

    @Test
    @SuppressWarnings("unchecked")
    void theChecksCatchUnprotectedState() {
        var objects = new ArrayList<>(Renders.copyAll(Renders.get("overlay/prod")));
        map(find(objects, "PersistentVolumeClaim", "prometheus-data"), "metadata", "annotations")
                .put(StateProtection.SYNC_OPTIONS, "Prune=false");
        map(find(objects, "Namespace", "callcenter-prod"), "metadata").remove("annotations");
        map(find(objects, "StatefulSet", "postgres"), "spec").remove("persistentVolumeClaimRetentionPolicy");
        objects.removeIf(o -> K8s.id(o).equals("PersistentVolumeClaim/mlflow-artifacts"));
        assertThat(StateProtection.environment(objects, false))
                .anyMatch(v -> v.startsWith("PersistentVolumeClaim/prometheus-data") && v.contains("Delete=false"))
                .anyMatch(v -> v.startsWith("Namespace/callcenter-prod"))
                .anyMatch(v -> v.contains("whenDeleted"))
                .anyMatch(v -> v.contains("mounts claim mlflow-artifacts"));

        var helm = Renders.copyAll(Renders.get("helm/dev"));
        map(find(helm, "PersistentVolumeClaim", "mlflow-artifacts"), "metadata", "annotations")
                .remove(StateProtection.HELM_RESOURCE_POLICY);
        assertThat(StateProtection.environment(helm, true)).anyMatch(v -> v.contains("helm uninstall would delete it"));

        // The app of apps as it was: env Applications with the resources finalizer, pruned by the root.
        var root = Renders.copy(find(Renders.get("argocd/bootstrap"), "Application", "callcenter-ai-root"));
        var apps = Renders.copyAll(Renders.get("argocd/apps"));
        var prod = find(apps, "Application", "callcenter-ai-prod");
        map(prod, "metadata", "annotations").remove(StateProtection.SYNC_OPTIONS);
        ((List<Object>) map(prod, "spec", "syncPolicy").get("syncOptions")).remove("CreateNamespace=true");
        map(root, "metadata").put("finalizers", new ArrayList<>(List.of(StateProtection.RESOURCES_FINALIZER)));
        assertThat(StateProtection.appOfApps(root, apps))
                .anyMatch(v -> v.startsWith("Application/callcenter-ai-prod") && v.contains("deleting its file in git"))
                .anyMatch(v -> v.startsWith("Application/callcenter-ai-prod") && v.contains("CreateNamespace"))
                .anyMatch(v -> v.startsWith("Application/callcenter-ai-root"));
        // Without the finalizer, or without pruning at the root, the Application's objects are orphaned, not deleted.
        map(prod, "metadata").remove("finalizers");
        assertThat(StateProtection.appOfApps(root, apps)).noneMatch(v -> v.contains("deleting its file in git"));
        var notPruning = Renders.copy(root);
        map(notPruning, "spec", "syncPolicy", "automated").put("prune", false);
        assertThat(StateProtection.appOfApps(notPruning, Renders.copyAll(Renders.get("argocd/apps"))))
                .noneMatch(v -> v.contains("deleting its file in git"));
    }
}

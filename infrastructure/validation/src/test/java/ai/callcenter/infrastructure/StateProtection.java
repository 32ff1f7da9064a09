package ai.callcenter.infrastructure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static ai.callcenter.infrastructure.K8s.get;
import static ai.callcenter.infrastructure.K8s.id;
import static ai.callcenter.infrastructure.K8s.kind;
import static ai.callcenter.infrastructure.K8s.list;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.maps;
import static ai.callcenter.infrastructure.K8s.name;
import static ai.callcenter.infrastructure.K8s.ofKind;

/**
 * Which objects hold data, and whether a change in git (a file deleted, an Application removed from the app of
 * apps) can make Argo CD (or Helm) delete them. Each check returns human-readable violations (empty = safe).
 *
 * <p>Argo CD deletes a managed object in two ways: pruning (the object left the rendered manifests and the
 * Application prunes) and cascading deletion (the Application itself is deleted and carries the
 * {@code resources-finalizer.argocd.argoproj.io} finalizer). The per-object sync options {@code Prune=false} and
 * {@code Delete=false} (annotation {@code argocd.argoproj.io/sync-options}) stop both; they override the
 * Application's own policy.
 */
public final class StateProtection {

    public static final String SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
    public static final String RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";
    public static final String HELM_RESOURCE_POLICY = "helm.sh/resource-policy";

    private StateProtection() {
    }

    /** The sync options of an object's annotation, trimmed ("Prune=false,Delete=false" -> [Prune=false, Delete=false]). */
    public static Set<String> syncOptions(Map<String, Object> o) {
        Object value = map(o, "metadata", "annotations").get(SYNC_OPTIONS);
        Set<String> out = new TreeSet<>();
        if (value != null) {
            Arrays.stream(String.valueOf(value).split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    /** Neither pruned when it leaves git nor deleted with its Application. */
    public static boolean protectedFromArgoCd(Map<String, Object> o) {
        Set<String> options = syncOptions(o);
        return options.contains("Prune=false") && options.contains("Delete=false");
    }

    /**
     * The objects that hold data or everything else: the Namespace (deleting it deletes all in it), every
     * PersistentVolumeClaim, and every StatefulSet (its volume claims, and the database it runs).
     */
    public static List<Map<String, Object>> statefulObjects(List<Map<String, Object>> objects) {
        return objects.stream().filter(o -> Set.of("Namespace", "PersistentVolumeClaim", "StatefulSet").contains(kind(o))).toList();
    }

    /**
     * Every stateful object of an environment's render is annotated Prune=false and Delete=false; a StatefulSet keeps
     * the claims of its volumeClaimTemplates when it is deleted or scaled down; every claim a pod mounts is one of the
     * render's protected claims; in a Helm render, every claim is also kept by {@code helm uninstall}.
     */
    public static List<String> environment(List<Map<String, Object>> objects, boolean helm) {
        List<String> v = new ArrayList<>();
        Set<String> claims = new TreeSet<>();
        for (var o : statefulObjects(objects)) {
            if (!protectedFromArgoCd(o)) {
                v.add(id(o) + ": holds data but " + SYNC_OPTIONS + " is " + syncOptions(o)
                        + " (needs Prune=false and Delete=false: a git delete would remove it)");
            }
            if ("PersistentVolumeClaim".equals(kind(o))) {
                claims.add(name(o));
                if (helm && !"keep".equals(map(o, "metadata", "annotations").get(HELM_RESOURCE_POLICY))) {
                    v.add(id(o) + ": helm uninstall would delete it (no " + HELM_RESOURCE_POLICY + ": keep)");
                }
            }
            if ("StatefulSet".equals(kind(o)) && !list(o, "spec", "volumeClaimTemplates").isEmpty()) {
                for (String when : List.of("whenDeleted", "whenScaled")) {
                    Object policy = get(o, "spec", "persistentVolumeClaimRetentionPolicy", when);
                    if (!"Retain".equals(policy)) {
                        v.add(id(o) + ": persistentVolumeClaimRetentionPolicy." + when + " is " + policy + ", must be Retain");
                    }
                }
            }
        }
        for (var w : objects.stream().filter(K8s::isWorkload).toList()) {
            for (var vol : maps(K8s.podTemplate(w), "spec", "volumes")) {
                Object claim = get(vol, "persistentVolumeClaim", "claimName");
                if (claim != null && !claims.contains(String.valueOf(claim))) {
                    v.add(id(w) + ": mounts claim " + claim + " that is not one of the render's (protected) claims");
                }
            }
        }
        if (!helm && ofKind(objects, "Namespace").isEmpty()) {
            v.add("no Namespace in the render");
        }
        return v;
    }

    /**
     * The app of apps: deleting an environment's Application file in git must not cascade into the environment.
     * The root Application prunes its children, and a child with the resources finalizer deletes everything it
     * manages when it goes; so a child that keeps the finalizer must itself be Prune=false (and Delete=false, for a
     * cascading deletion of the root). The root carries no finalizer: deleting it leaves its children. The
     * environments let Argo CD create their namespace (CreateNamespace=true), so a namespace never depends on the
     * Namespace object being in the render.
     */
    public static List<String> appOfApps(Map<String, Object> root, List<Map<String, Object>> children) {
        List<String> v = new ArrayList<>();
        boolean rootPrunes = Boolean.TRUE.equals(get(root, "spec", "syncPolicy", "automated", "prune"))
                || list(root, "spec", "syncPolicy", "syncOptions").contains("Prune=true");
        if (list(root, "metadata", "finalizers").contains(RESOURCES_FINALIZER)) {
            v.add(id(root) + ": the root carries " + RESOURCES_FINALIZER + ": deleting it would cascade into every environment");
        }
        for (var app : ofKind(children, "Application")) {
            boolean cascades = list(app, "metadata", "finalizers").contains(RESOURCES_FINALIZER);
            if (rootPrunes && cascades && !protectedFromArgoCd(app)) {
                v.add(id(app) + ": the root prunes it and it carries " + RESOURCES_FINALIZER
                        + ", so deleting its file in git deletes what it manages; needs " + SYNC_OPTIONS
                        + ": Prune=false,Delete=false (has " + syncOptions(app) + ")");
            }
            String path = String.valueOf(get(app, "spec", "source", "path"));
            if (path.startsWith("infrastructure/k8s/overlays/")
                    && !list(app, "spec", "syncPolicy", "syncOptions").contains("CreateNamespace=true")) {
                v.add(id(app) + ": syncOptions lacks CreateNamespace=true");
            }
        }
        return v;
    }
}

package ai.callcenter.infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Small helpers to walk parsed Kubernetes objects. */
@SuppressWarnings("unchecked")
public final class K8s {

    private K8s() {
    }

    public static String kind(Map<String, Object> o) {
        return String.valueOf(o.get("kind"));
    }

    public static String name(Map<String, Object> o) {
        return String.valueOf(map(o, "metadata").get("name"));
    }

    public static String id(Map<String, Object> o) {
        return kind(o) + "/" + name(o);
    }

    public static Map<String, Object> map(Map<String, Object> o, String... path) {
        Object cur = o;
        for (String p : path) {
            if (!(cur instanceof Map<?, ?> m)) {
                return Map.of();
            }
            cur = m.get(p);
        }
        return cur instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public static List<Object> list(Map<String, Object> o, String... path) {
        Object cur = o;
        for (int i = 0; i < path.length; i++) {
            if (!(cur instanceof Map<?, ?> m)) {
                return List.of();
            }
            cur = m.get(path[i]);
        }
        return cur instanceof List<?> l ? (List<Object>) l : List.of();
    }

    public static List<Map<String, Object>> maps(Map<String, Object> o, String... path) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object x : list(o, path)) {
            if (x instanceof Map<?, ?> m) {
                out.add((Map<String, Object>) m);
            }
        }
        return out;
    }

    public static Object get(Map<String, Object> o, String... path) {
        Object cur = o;
        for (String p : path) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(p);
        }
        return cur;
    }

    public static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).toList();
    }

    public static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(kind(o)) && Objects.equals(name, name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in the render"));
    }

    /** Pod template of a workload (Deployment, StatefulSet, Job; a CronJob's job template's) or empty. */
    public static Map<String, Object> podTemplate(Map<String, Object> workload) {
        if ("CronJob".equals(kind(workload))) {
            return map(workload, "spec", "jobTemplate", "spec", "template");
        }
        return map(workload, "spec", "template");
    }

    /** A workload whose pods run to completion (Job, CronJob): no probes, no PodDisruptionBudget. */
    public static boolean isBatch(Map<String, Object> o) {
        return List.of("Job", "CronJob").contains(kind(o));
    }

    public static boolean isWorkload(Map<String, Object> o) {
        return List.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet", "Pod").contains(kind(o));
    }

    /** The label app.kubernetes.io/name of a workload's pods. */
    public static String appName(Map<String, Object> workload) {
        return String.valueOf(map(podTemplate(workload), "metadata", "labels").get("app.kubernetes.io/name"));
    }
}

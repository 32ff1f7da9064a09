package ai.callcenter.infrastructure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static ai.callcenter.infrastructure.K8s.get;
import static ai.callcenter.infrastructure.K8s.kind;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.maps;
import static ai.callcenter.infrastructure.K8s.name;
import static ai.callcenter.infrastructure.K8s.podTemplate;

/**
 * Checks over rendered objects for the model registry: the MLflow pod's backend store and schema
 * upgrade, and the services that load their models from MLflow. Like {@link Policies}, each returns
 * human-readable violations (empty = compliant).
 */
public final class ModelDelivery {

    /** The registered model each service follows, and the env var that names it. */
    public record Source(String app, String variable, String uri) {
    }

    /** Every environment serves the champion versions (docs/deploy.md, "Models"). */
    public static final List<Source> SOURCES = List.of(
            new Source("agent", "ROUTER_URI", "models:/ticket-router@champion"),
            new Source("tfidf", "MODEL_URI", "models:/ticket-tfidf@champion"),
            new Source("transformer", "MODEL_URI", "models:/ticket-transformer@champion"));

    static final String TRACKING_URI = "http://mlflow:5000";

    private ModelDelivery() {
    }

    static Optional<Map<String, Object>> deployment(List<Map<String, Object>> objects, String name) {
        return objects.stream().filter(o -> "Deployment".equals(kind(o)) && name.equals(name(o))).findFirst();
    }

    static Optional<Map<String, Object>> container(List<Map<String, Object>> containers, String name) {
        return containers.stream().filter(c -> name.equals(c.get("name"))).findFirst();
    }

    static String env(Map<String, Object> container, String name) {
        return maps(container, "env").stream().filter(e -> name.equals(e.get("name")))
                .map(e -> e.get("value") == null ? null : String.valueOf(e.get("value"))).findFirst().orElse(null);
    }

    /** The variables a container gets from its ConfigMaps (envFrom), then its own env (which wins). */
    static Map<String, String> environment(List<Map<String, Object>> objects, Map<String, Object> container) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var ef : maps(container, "envFrom")) {
            Object cm = get(ef, "configMapRef", "name");
            objects.stream().filter(o -> "ConfigMap".equals(kind(o)) && Objects.equals(cm, name(o))).findFirst()
                    .ifPresent(o -> map(o, "data").forEach((k, val) -> out.put(k, String.valueOf(val))));
        }
        maps(container, "env").forEach(e -> out.put(String.valueOf(e.get("name")),
                e.containsKey("value") ? String.valueOf(e.get("value")) : "<valueFrom>"));
        return out;
    }

    /** The volume mount a path lies on (the longest mountPath that is a prefix of it). */
    static Optional<Map<String, Object>> mountOf(Map<String, Object> container, String path) {
        return maps(container, "volumeMounts").stream()
                .filter(m -> {
                    String mount = String.valueOf(m.get("mountPath"));
                    return path.equals(mount) || path.startsWith(mount.endsWith("/") ? mount : mount + "/");
                })
                .max((a, b) -> String.valueOf(a.get("mountPath")).length() - String.valueOf(b.get("mountPath")).length());
    }

    static Map<String, Object> volume(Map<String, Object> workload, Object name) {
        return maps(podTemplate(workload), "spec", "volumes").stream().filter(v -> Objects.equals(name, v.get("name")))
                .findFirst().orElse(Map.of());
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /**
     * The MLflow pod: an init container (not a sidecar) with the server's image URL-encodes the
     * database credentials into the backend store URI, writes it to a file on an in-memory emptyDir and
     * runs the schema upgrade before the server starts; the server mounts that volume read-only at the
     * same path, gets the URI from the file into MLFLOW_BACKEND_STORE_URI (never argv), no longer sees
     * the database password, and keeps its artifact proxy and metrics options.
     */
    public static List<String> mlflowBackendStore(List<Map<String, Object>> objects) {
        List<String> v = new ArrayList<>();
        var mlflow = deployment(objects, "mlflow");
        if (mlflow.isEmpty()) {
            return List.of("no Deployment/mlflow in the render");
        }
        var spec = map(podTemplate(mlflow.get()), "spec");
        var server = container(maps(spec, "containers"), "mlflow");
        if (server.isEmpty()) {
            return List.of("Deployment/mlflow has no container named mlflow");
        }
        var s = server.get();
        String serverLine = String.join(" ", Policies.commandLine(s));
        var upgrades = maps(spec, "initContainers").stream()
                .filter(c -> String.join("\n", Policies.commandLine(c)).matches("(?s).*(from mlflow\\.db import upgrade|mlflow db upgrade).*"))
                .toList();
        if (upgrades.size() != 1) {
            v.add("Deployment/mlflow: expected one init container that upgrades the schema (mlflow db upgrade), found "
                    + upgrades.size());
        } else {
            var init = upgrades.get(0);
            String where = "Deployment/mlflow init container " + init.get("name");
            String code = String.join("\n", Policies.commandLine(init));
            if ("Always".equals(init.get("restartPolicy"))) {
                v.add(where + ": restartPolicy Always makes it a sidecar beside the server, not a step before it");
            }
            if (!Objects.equals(init.get("image"), s.get("image"))) {
                v.add(where + ": image " + init.get("image") + " is not the server's " + s.get("image"));
            }
            for (String needed : List.of("quote(os.environ[\"POSTGRES_USER\"], safe=\"\")",
                    "quote(os.environ[\"POSTGRES_PASSWORD\"], safe=\"\")", "0o600", "postgresql+psycopg2://")) {
                if (!code.contains(needed)) {
                    v.add(where + ": its code lacks " + needed);
                }
            }
            String file = env(init, "BACKEND_STORE_URI_FILE");
            if (file == null || !file.equals(env(s, "BACKEND_STORE_URI_FILE"))) {
                v.add(where + ": BACKEND_STORE_URI_FILE " + file + " is not the server's " + env(s, "BACKEND_STORE_URI_FILE"));
            } else {
                var initMount = mountOf(init, file);
                var serverMount = mountOf(s, file);
                if (initMount.isEmpty() || serverMount.isEmpty()
                        || !Objects.equals(initMount.get().get("name"), serverMount.get().get("name"))
                        || !parent(file).equals(initMount.get().get("mountPath"))) {
                    v.add(where + ": " + file + " is not on one volume mounted by both containers");
                } else {
                    var volume = volume(mlflow.get(), initMount.get().get("name"));
                    if (!"Memory".equals(get(volume, "emptyDir", "medium"))) {
                        v.add("Deployment/mlflow volume " + volume.get("name") + ": the URI file must be on an emptyDir with medium Memory");
                    }
                    if (Boolean.TRUE.equals(initMount.get().get("readOnly"))) {
                        v.add(where + ": mounts the URI volume read-only and cannot write the file");
                    }
                    if (!Boolean.TRUE.equals(serverMount.get().get("readOnly"))) {
                        v.add("Deployment/mlflow container mlflow: mounts the URI volume writable (readOnly expected)");
                    }
                }
            }
        }
        if (!serverLine.contains("MLFLOW_BACKEND_STORE_URI=\"$(cat \"$BACKEND_STORE_URI_FILE\")\"")
                || !serverLine.contains("export MLFLOW_BACKEND_STORE_URI") || !serverLine.contains("exec mlflow server")) {
            v.add("Deployment/mlflow container mlflow: does not read MLFLOW_BACKEND_STORE_URI from the file and exec mlflow server");
        }
        for (String option : List.of("--serve-artifacts", "--artifacts-destination=", "--expose-prometheus=", "--host=0.0.0.0", "--port=5000")) {
            if (Policies.commandLine(s).stream().noneMatch(w -> w.startsWith(option))) {
                v.add("Deployment/mlflow container mlflow: option " + option + " missing");
            }
        }
        for (var e : maps(s, "env")) {
            if ("MLFLOW_BACKEND_STORE_URI".equals(e.get("name"))) {
                v.add("Deployment/mlflow container mlflow: MLFLOW_BACKEND_STORE_URI must come from the init container's file");
            }
            if (get(e, "valueFrom", "secretKeyRef", "name") != null && String.valueOf(e.get("name")).startsWith("POSTGRES_")) {
                v.add("Deployment/mlflow container mlflow: gets " + e.get("name") + " although only the init container needs it");
            }
        }
        if (env(s, "MLFLOW_SERVER_ALLOWED_HOSTS") == null || !env(s, "MLFLOW_SERVER_ALLOWED_HOSTS").contains("mlflow:5000")) {
            v.add("Deployment/mlflow container mlflow: MLFLOW_SERVER_ALLOWED_HOSTS must admit mlflow:5000 (the services' tracking URI)");
        }
        return v;
    }

    /**
     * The services follow their registered model's champion alias in MLflow (MLFLOW_TRACKING_URI
     * http://mlflow:5000) and copy its versions to MODEL_CACHE_DIR, which must lie on a writable
     * emptyDir or PersistentVolumeClaim (the root filesystem is read-only). The agent's routing comes
     * from one place only: ROUTER_CONFIG stays unset.
     */
    public static List<String> modelSources(List<Map<String, Object>> objects) {
        List<String> v = new ArrayList<>();
        for (Source source : SOURCES) {
            var d = deployment(objects, source.app());
            if (d.isEmpty()) {
                v.add("no Deployment/" + source.app() + " in the render");
                continue;
            }
            var c = container(maps(podTemplate(d.get()), "spec", "containers"), source.app());
            if (c.isEmpty()) {
                v.add("Deployment/" + source.app() + " has no container named " + source.app());
                continue;
            }
            String where = "Deployment/" + source.app();
            var env = environment(objects, c.get());
            if (!source.uri().equals(env.get(source.variable()))) {
                v.add(where + ": " + source.variable() + " is " + env.get(source.variable()) + ", expected " + source.uri());
            }
            if (!TRACKING_URI.equals(env.get("MLFLOW_TRACKING_URI"))) {
                v.add(where + ": MLFLOW_TRACKING_URI is " + env.get("MLFLOW_TRACKING_URI") + ", expected " + TRACKING_URI);
            }
            if ("agent".equals(source.app()) && env.get("ROUTER_CONFIG") != null && !env.get("ROUTER_CONFIG").isBlank()) {
                v.add(where + ": ROUTER_CONFIG is set together with ROUTER_URI (the agent refuses to start)");
            }
            String cache = env.get("MODEL_CACHE_DIR");
            if (cache == null || !cache.startsWith("/")) {
                v.add(where + ": MODEL_CACHE_DIR must be an absolute path on a volume, is " + cache);
                continue;
            }
            var mount = mountOf(c.get(), cache);
            if (mount.isEmpty()) {
                v.add(where + ": MODEL_CACHE_DIR " + cache + " is on the read-only root filesystem");
                continue;
            }
            var volume = volume(d.get(), mount.get().get("name"));
            boolean writableKind = volume.containsKey("emptyDir")
                    || (volume.containsKey("persistentVolumeClaim") && !Boolean.TRUE.equals(get(volume, "persistentVolumeClaim", "readOnly")));
            if (Boolean.TRUE.equals(mount.get().get("readOnly")) || !writableKind) {
                v.add(where + ": MODEL_CACHE_DIR " + cache + " is on volume " + mount.get().get("name") + ", which is not writable");
            }
        }
        return v;
    }
}

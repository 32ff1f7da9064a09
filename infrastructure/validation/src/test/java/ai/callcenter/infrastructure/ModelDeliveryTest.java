package ai.callcenter.infrastructure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static ai.callcenter.infrastructure.K8s.find;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.maps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Models from the MLflow registry: the MLflow pod keeps its database credentials off every command
 * line and upgrades its schema before serving, it runs the version the project pins, and the services
 * follow their champion aliases with a writable cache and a network path to MLflow. Every environment,
 * Kustomize and Helm.
 */
class ModelDeliveryTest {

    /**
     * Known, outside MLflow: redis-server takes its password as an argument (it overwrites its argv
     * with its process title at start-up). Listed so that any other finding fails.
     */
    static final Set<String> KNOWN_ARGV_SECRETS = Set.of(
            "Deployment/redis container redis: a password option on the command line",
            "Deployment/redis container redis: Secret-backed env REDIS_PASSWORD is expanded into the command line");

    static List<String> renders() {
        return Environments.appRenders();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void noBackendStoreUriOrPasswordOnACommandLine(String render) {
        var problems = new ArrayList<>(Policies.credentialsOffCommandLines(Renders.get(render)));
        problems.removeAll(KNOWN_ARGV_SECRETS);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void mlflowUpgradesItsSchemaInAnInitContainerBeforeTheServerStarts(String render) {
        assertThat(ModelDelivery.mlflowBackendStore(Renders.get(render))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void servicesFollowTheirChampionsWithAWritableCacheAndReachMlflow(String render) {
        var objects = Renders.get(render);
        assertThat(ModelDelivery.modelSources(objects)).isEmpty();
        var edges = NetworkGraph.compute(objects).edges();
        for (var source : ModelDelivery.SOURCES) {
            assertThat(edges).contains(source.app() + " -> mlflow:5000/TCP");
        }
        assertThat(edges).contains("mlflow -> postgres:5432/TCP");
    }

    /** scripts/mlflow.sh pins the version developers and CI run; the image and the manifests follow it. */
    @Test
    void mlflowIsTheVersionTheProjectPins() throws IOException {
        var pin = Pattern.compile("MLFLOW_VERSION:-([0-9]+\\.[0-9]+\\.[0-9]+)")
                .matcher(Files.readString(Infra.repoRoot().resolve("scripts/mlflow.sh")));
        assertThat(pin.find()).as("MLFLOW_VERSION default in scripts/mlflow.sh").isTrue();
        String version = pin.group(1);
        String dockerfile = Files.readString(Infra.root().resolve("docker/mlflow/Dockerfile"));
        assertThat(dockerfile).contains("\nFROM ghcr.io/mlflow/mlflow:v" + version + "\n")
                .contains("ghcr.io/callcenter-ai/mlflow:" + version)
                // the driver the init container's URI names (postgresql+psycopg2://)
                .contains("psycopg2-binary==")
                // --expose-prometheus needs it; MLflow 3 lists it under its "extras" only
                .contains("prometheus-flask-exporter==");
        for (String render : renders()) {
            var mlflow = find(Renders.get(render), "Deployment", "mlflow");
            assertThat(map(mlflow, "metadata", "labels").get("app.kubernetes.io/version")).as(render).isEqualTo(version);
            assertThat(map(K8s.podTemplate(mlflow), "metadata", "labels").get("app.kubernetes.io/version")).as(render).isEqualTo(version);
            var spec = map(K8s.podTemplate(mlflow), "spec");
            var images = new ArrayList<Object>();
            maps(spec, "initContainers").forEach(c -> images.add(c.get("image")));
            maps(spec, "containers").forEach(c -> images.add(c.get("image")));
            // the version's tag, and the digest of its build where an overlay pins one
            String tagged = Pattern.quote("ghcr.io/callcenter-ai/mlflow:" + version) + "(@sha256:[0-9a-f]{64})?";
            assertThat(images).as(render).isNotEmpty().allMatch(i -> String.valueOf(i).matches(tagged));
        }
    }

    // --- The checks must fail on broken input: each is exercised against a mutated copy. ---

    @Test
    @SuppressWarnings("unchecked")
    void theChecksCatchTheOldManifestAndOtherMistakes() {
        // The manifest as it was: the URI pasted raw from the Secret into an env var and passed as an argument.
        var objects = Renders.copyAll(Renders.get("overlay/prod"));
        var mlflow = find(objects, "Deployment", "mlflow");
        var spec = map(K8s.podTemplate(mlflow), "spec");
        spec.remove("initContainers");
        var server = maps(spec, "containers").get(0);
        server.put("command", List.of("mlflow", "server"));
        server.put("args", List.of("--host=0.0.0.0", "--port=5000", "--backend-store-uri=$(MLFLOW_BACKEND_STORE_URI)",
                "--artifacts-destination=/mlartifacts", "--serve-artifacts", "--expose-prometheus=/tmp/prometheus-metrics"));
        var env = (List<Object>) server.get("env");
        env.add(secretEnv("POSTGRES_USER"));
        env.add(secretEnv("POSTGRES_PASSWORD"));
        env.add(new HashMap<>(Map.of("name", "MLFLOW_BACKEND_STORE_URI",
                "value", "postgresql://$(POSTGRES_USER):$(POSTGRES_PASSWORD)@postgres:5432/mlflow")));
        assertThat(Policies.credentialsOffCommandLines(objects))
                .anyMatch(p -> p.contains("--backend-store-uri on the command line"))
                .anyMatch(p -> p.contains("splices Secret-backed POSTGRES_PASSWORD in raw"));
        assertThat(ModelDelivery.mlflowBackendStore(objects))
                .anyMatch(p -> p.contains("expected one init container that upgrades the schema"))
                .anyMatch(p -> p.contains("does not read MLFLOW_BACKEND_STORE_URI from the file"))
                .anyMatch(p -> p.contains("gets POSTGRES_PASSWORD"));

        // A shell that expands the password into a command, a literal URI with credentials, a password option.
        var shell = Renders.copyAll(Renders.get("helm/staging"));
        var init = maps(map(K8s.podTemplate(find(shell, "Deployment", "mlflow")), "spec"), "initContainers").get(0);
        init.put("command", List.of("sh", "-c", "mlflow db upgrade postgresql://$POSTGRES_USER:${POSTGRES_PASSWORD}@postgres:5432/mlflow"));
        var grafana = maps(map(K8s.podTemplate(find(shell, "Deployment", "grafana")), "spec"), "containers").get(0);
        grafana.put("args", List.of("--db-url=postgresql://grafana:hunter2@postgres:5432/grafana", "--admin-password", "x"));
        assertThat(Policies.credentialsOffCommandLines(shell))
                .anyMatch(p -> p.contains("container db-upgrade: Secret-backed env POSTGRES_PASSWORD is expanded"))
                .anyMatch(p -> p.contains("grafana: a URI with user:password@"))
                .anyMatch(p -> p.contains("grafana: a password option"));
        assertThat(ModelDelivery.mlflowBackendStore(shell))
                .anyMatch(p -> p.contains("its code lacks quote(os.environ[\"POSTGRES_PASSWORD\"], safe=\"\")"));

        // The upgrade as a sidecar, the URI on a disk-backed volume, the server able to write it.
        var sidecar = Renders.copyAll(Renders.get("overlay/dev"));
        var pod = map(K8s.podTemplate(find(sidecar, "Deployment", "mlflow")), "spec");
        maps(pod, "initContainers").get(0).put("restartPolicy", "Always");
        maps(pod, "volumes").stream().filter(v -> "backend-store".equals(v.get("name")))
                .forEach(v -> v.put("emptyDir", new HashMap<>(Map.of("sizeLimit", "1Mi"))));
        maps(maps(pod, "containers").get(0), "volumeMounts").forEach(m -> m.remove("readOnly"));
        assertThat(ModelDelivery.mlflowBackendStore(sidecar))
                .anyMatch(p -> p.contains("makes it a sidecar"))
                .anyMatch(p -> p.contains("emptyDir with medium Memory"))
                .anyMatch(p -> p.contains("mounts the URI volume writable"));

        // A service on a local directory, a cache on the read-only root filesystem or a read-only mount.
        var sources = Renders.copyAll(Renders.get("overlay/staging"));
        var tfidf = maps(map(K8s.podTemplate(find(sources, "Deployment", "tfidf")), "spec"), "containers").get(0);
        maps(tfidf, "volumeMounts").forEach(m -> m.put("readOnly", true));
        var transformer = maps(map(K8s.podTemplate(find(sources, "Deployment", "transformer")), "spec"), "containers").get(0);
        maps(transformer, "env").stream().filter(e -> "MODEL_CACHE_DIR".equals(e.get("name"))).forEach(e -> e.put("value", "/var/lib/cache"));
        var agent = maps(map(K8s.podTemplate(find(sources, "Deployment", "agent")), "spec"), "containers").get(0);
        ((List<Object>) agent.get("env")).add(new HashMap<>(Map.of("name", "ROUTER_URI", "value", "")));
        ((List<Object>) agent.get("env")).add(new HashMap<>(Map.of("name", "ROUTER_CONFIG", "value", "/models/router.json")));
        assertThat(ModelDelivery.modelSources(sources))
                .anyMatch(p -> p.contains("Deployment/tfidf: MODEL_CACHE_DIR /models/cache is on volume models, which is not writable"))
                .anyMatch(p -> p.contains("Deployment/transformer: MODEL_CACHE_DIR /var/lib/cache is on the read-only root filesystem"))
                .anyMatch(p -> p.contains("Deployment/agent: ROUTER_URI is , expected models:/ticket-router@champion"))
                .anyMatch(p -> p.contains("ROUTER_CONFIG is set together with ROUTER_URI"));
    }

    static Map<String, Object> secretEnv(String key) {
        return new HashMap<>(Map.of("name", key,
                "valueFrom", Map.of("secretKeyRef", Map.of("name", "postgres-credentials", "key", key))));
    }
}

package ai.callcenter.infrastructure;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders every deployable unit of infrastructure/ once per test run and parses the output.
 * Render names: overlay/ENV, combo/ENV+COMPONENT, cluster, argocd/apps, argocd/bootstrap, helm/ENV.
 */
public final class Renders {

    public static final List<String> ENVS = List.of("dev", "staging", "prod");
    public static final List<String> DELIVERY_COMPONENTS = List.of("rollouts-canary", "rollouts-bluegreen");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, List<Map<String, Object>>> CACHE = new ConcurrentHashMap<>();

    private Renders() {
    }

    /** Every Kustomize render: 3 overlays, 3 x 2 component combinations, the cluster and Argo CD kustomizations. */
    public static List<String> kustomizeRenderNames() {
        List<String> names = new ArrayList<>();
        for (String env : ENVS) {
            names.add("overlay/" + env);
            for (String c : DELIVERY_COMPONENTS) {
                names.add("combo/" + env + "+" + c);
            }
        }
        names.add("cluster");
        names.add("argocd/apps");
        names.add("argocd/bootstrap");
        return names;
    }

    public static List<String> helmRenderNames() {
        List<String> names = new ArrayList<>();
        for (String env : ENVS) {
            names.add("helm/" + env);
        }
        for (String c : List.of("canary", "blueGreen")) {
            names.add("helm/prod+" + c);
        }
        return names;
    }

    public static List<String> allRenderNames() {
        List<String> all = new ArrayList<>(kustomizeRenderNames());
        all.addAll(helmRenderNames());
        return all;
    }

    public static List<Map<String, Object>> get(String name) {
        return CACHE.computeIfAbsent(name, Renders::render);
    }

    /** Runs kustomize on a directory and fails with kustomize's message when it cannot render. */
    public static Infra.Result kustomize(Path dir) {
        var kubectl = Infra.find("kubectl", "KUBECTL");
        if (kubectl.isPresent()) {
            return Infra.run(dir, List.of(kubectl.get().toString(), "kustomize", "."));
        }
        Path kustomize = Infra.require("kustomize", "KUSTOMIZE",
                "Install kubectl, or run infrastructure/scripts/ci-setup.sh (installs kustomize with go install).");
        return Infra.run(dir, List.of(kustomize.toString(), "build", "."));
    }

    private static List<Map<String, Object>> render(String name) {
        try {
            Path infra = Infra.root();
            Infra.Result result;
            if (name.startsWith("overlay/")) {
                result = kustomize(infra.resolve("k8s/overlays/" + name.substring("overlay/".length())));
            } else if (name.startsWith("combo/")) {
                String[] parts = name.substring("combo/".length()).split("\\+");
                result = kustomize(comboDir(parts[0], parts[1]));
            } else if (name.equals("cluster")) {
                result = kustomize(infra.resolve("k8s/cluster"));
            } else if (name.startsWith("argocd/")) {
                result = kustomize(infra.resolve(name));
            } else if (name.startsWith("helm/")) {
                result = helmTemplate(name.substring("helm/".length()));
            } else {
                throw new IllegalArgumentException("unknown render " + name);
            }
            if (result.exitCode() != 0) {
                Assertions.fail("Rendering " + name + " failed: " + result.describe());
            }
            List<Map<String, Object>> objects = parse(result.stdout());
            Files.writeString(Infra.workDir().resolve(name.replaceAll("[/+]", "_") + ".yaml"), result.stdout());
            return objects;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A throw-away kustomization (under target/) that adds a component to an overlay. */
    public static Path comboDir(String env, String component) throws IOException {
        Path dir = Infra.workDir().resolve("combos/" + env + "-" + component);
        Files.createDirectories(dir);
        Path k8s = Infra.root().resolve("k8s");
        String overlay = dir.relativize(k8s.resolve("overlays/" + env)).toString();
        String comp = dir.relativize(k8s.resolve("components/" + component)).toString();
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                # As if the overlay listed the component itself (overlays own the namespace).
                namespace: callcenter-%s
                resources:
                  - %s
                components:
                  - %s
                """.formatted(env, overlay, comp));
        return dir;
    }

    public static Path chartDir() {
        return Infra.root().resolve("helm/callcenter-ai");
    }

    /** helm template for an environment, optionally with a delivery strategy (ENV+STRATEGY). */
    public static Infra.Result helmTemplate(String spec) {
        String[] parts = spec.split("\\+");
        String env = parts[0];
        Path helm = Infra.require("helm", "HELM_BIN",
                "Install it with infrastructure/scripts/ci-setup.sh (go install helm.sh/helm/v3/cmd/helm@v3.22.0).");
        List<String> cmd = new ArrayList<>(List.of(helm.toString(), "template", "callcenter-ai", chartDir().toString(),
                "--namespace", "callcenter-" + env, "--kube-version", "1.32.0",
                "-f", chartDir().resolve("values-" + env + ".yaml").toString()));
        if (parts.length > 1) {
            cmd.addAll(List.of("--set", "delivery.strategy=" + parts[1]));
        }
        return Infra.run(Infra.root(), cmd);
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> parse(String yaml) throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(yaml)) {
            while (it.hasNext()) {
                Object doc = it.next();
                if (doc instanceof Map<?, ?> m && !m.isEmpty()) {
                    objects.add((Map<String, Object>) doc);
                }
            }
        }
        return objects;
    }

    /** Deep copy, for tests that mutate a rendered object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> copy(Map<String, Object> object) {
        return YAML.convertValue(object, LinkedHashMap.class);
    }

    public static List<Map<String, Object>> copyAll(List<Map<String, Object>> objects) {
        return new ArrayList<>(objects.stream().map(Renders::copy).toList());
    }
}

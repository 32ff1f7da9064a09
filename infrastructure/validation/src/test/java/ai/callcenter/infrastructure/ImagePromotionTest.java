package ai.callcenter.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static ai.callcenter.infrastructure.K8s.get;
import static ai.callcenter.infrastructure.K8s.maps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An environment is promoted by a commit to its own branch: each overlay names the tag (or digest) of every
 * project image in its own kustomization (images:), and the base names placeholders without a tag that
 * resolve nowhere, so no tag is shared by all environments. The Helm chart does the same with
 * values-ENV.yaml (values.yaml has no project image, and does not render without an environment file).
 */
class ImagePromotionTest {

    /** The project's own images: base placeholder -> registry repository. */
    static final Map<String, String> PROJECT_IMAGES = new TreeMap<>(Map.of(
            "callcenter-ai.invalid/agent-service", "ghcr.io/callcenter-ai/agent-service",
            "callcenter-ai.invalid/tfidf-service", "ghcr.io/callcenter-ai/tfidf-service",
            "callcenter-ai.invalid/transformer-service", "ghcr.io/callcenter-ai/transformer-service",
            "callcenter-ai.invalid/mlflow", "ghcr.io/callcenter-ai/mlflow"));
    static final Map<String, String> HELM_WORKLOADS = Map.of("agent", "ghcr.io/callcenter-ai/agent-service",
            "tfidf", "ghcr.io/callcenter-ai/tfidf-service", "transformer", "ghcr.io/callcenter-ai/transformer-service",
            "mlflow", "ghcr.io/callcenter-ai/mlflow");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Every container image of a render, by container (kind/name/container). */
    static Map<String, String> images(List<Map<String, Object>> objects) {
        Map<String, String> out = new TreeMap<>();
        for (var w : objects.stream().filter(K8s::isWorkload).toList()) {
            for (var c : Policies.containers(w)) {
                out.put(K8s.id(w) + "/" + c.get("name"), String.valueOf(c.get("image")));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readYaml(Path file) throws IOException {
        return YAML.readValue(file.toFile(), LinkedHashMap.class);
    }

    /** The project images an overlay pins in its own kustomization.yaml: registry repository -> full reference. */
    static Map<String, String> overlayPins(String env) throws IOException {
        var kustomization = readYaml(Infra.root().resolve("k8s/overlays/" + env + "/kustomization.yaml"));
        return pins(maps(kustomization, "images"));
    }

    /** The project images an images: list pins: placeholder -> its repository, with a tag, a sha256 digest or both. */
    static Map<String, String> pins(List<Map<String, Object>> images) {
        Map<String, String> out = new TreeMap<>();
        for (var e : PROJECT_IMAGES.entrySet()) {
            var entry = images.stream().filter(i -> e.getKey().equals(i.get("name"))).findFirst();
            if (entry.isEmpty() || !e.getValue().equals(entry.get().get("newName"))) {
                continue;
            }
            Object digest = entry.get().get("digest");
            Object tag = entry.get().get("newTag");
            boolean tagged = tag != null && !String.valueOf(tag).isBlank();
            if (digest != null && String.valueOf(digest).matches("sha256:[a-f0-9]{64}")) {
                // kustomize renders both when both are set: REPO:TAG@DIGEST (the digest decides what runs)
                out.put(e.getValue(), e.getValue() + (tagged ? ":" + tag : "") + "@" + digest);
            } else if (tag != null && !String.valueOf(tag).isBlank()) {
                out.put(e.getValue(), e.getValue() + ":" + tag);
            }
        }
        return out;
    }

    /** The pinned-image policy's complaint about a reference (a missing or floating tag), if any. */
    static Optional<String> floating(String reference) {
        var deployment = Map.<String, Object>of("kind", "Deployment", "metadata", Map.of("name", "x"), "spec",
                Map.of("template", Map.of("spec", Map.of("containers", List.of(Map.of("name", "c", "image", reference))))));
        return Policies.imagesPinned(List.of(deployment)).stream().findFirst();
    }

    @Test
    void theBaseAloneHasNoDeployableProjectImage() {
        var result = Renders.kustomize(Infra.root().resolve("k8s/base"));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        List<Map<String, Object>> base;
        try {
            base = Renders.parse(result.stdout());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var images = images(base);
        for (var e : images.entrySet()) {
            assertThat(e.getValue()).as("%s in the base", e.getKey()).doesNotStartWith("ghcr.io/callcenter-ai/");
        }
        var placeholders = images.values().stream().filter(i -> i.startsWith("callcenter-ai.invalid/")).distinct().sorted().toList();
        assertThat(placeholders).as("the base's project images are bare placeholders (no tag, no digest)")
                .containsExactlyElementsOf(PROJECT_IMAGES.keySet());
        assertThat(Policies.imagesPinned(base)).as("the base alone does not pass the pinned-image policy")
                .anyMatch(v -> v.contains("callcenter-ai.invalid/agent-service has no tag"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "staging", "prod"})
    void eachOverlayPinsEveryProjectImageItself(String env) throws IOException {
        var pins = overlayPins(env);
        assertThat(pins.keySet()).as("project images pinned by overlays/%s/kustomization.yaml", env)
                .containsExactlyInAnyOrderElementsOf(PROJECT_IMAGES.values());
        pins.values().forEach(ref -> assertThat(floating(ref)).as(ref).isEmpty());
        List<String> renders = new ArrayList<>(List.of("overlay/" + env));
        Renders.DELIVERY_COMPONENTS.forEach(c -> renders.add("combo/" + env + "+" + c));
        for (String render : renders) {
            for (var e : images(Renders.get(render)).entrySet()) {
                String image = e.getValue();
                assertThat(image).as("%s in %s", e.getKey(), render).doesNotStartWith("callcenter-ai.invalid/");
                pins.keySet().stream().filter(repo -> image.startsWith(repo + ":") || image.startsWith(repo + "@"))
                        .forEach(repo -> assertThat(image).as("%s in %s", e.getKey(), render).isEqualTo(pins.get(repo)));
            }
        }
    }

    /** The chart: no project image in values.yaml; each values-ENV.yaml names the overlay's; values.yaml alone fails. */
    @ParameterizedTest(name = "values-{0}.yaml")
    @ValueSource(strings = {"dev", "staging", "prod"})
    void theChartTakesItsProjectImagesFromTheEnvironmentFile(String env) throws IOException {
        var defaults = readYaml(Renders.chartDir().resolve("values.yaml"));
        var values = readYaml(Renders.chartDir().resolve("values-" + env + ".yaml"));
        var pins = overlayPins(env);
        for (var e : HELM_WORKLOADS.entrySet()) {
            assertThat(get(defaults, "workloads", e.getKey(), "image")).as("values.yaml workloads.%s.image", e.getKey()).isNull();
            assertThat(get(values, "workloads", e.getKey(), "image")).as("values-%s.yaml workloads.%s.image", env, e.getKey())
                    .isEqualTo(pins.get(e.getValue()));
        }
        var helm = Infra.require("helm", "HELM_BIN", "Install it with infrastructure/scripts/ci-setup.sh.");
        var alone = Infra.run(Infra.root(), List.of(helm.toString(), "template", "callcenter-ai", Renders.chartDir().toString(),
                "--kube-version", "1.32.0"));
        assertThat(alone.exitCode()).as("helm template without an environment file").isNotZero();
        assertThat(alone.stderr()).contains("image");
    }

    // --- The checks must fail on broken input. ---

    @Test
    void aSharedOrFloatingTagIsCaught() {
        List<Map<String, Object>> images = new ArrayList<>();
        images.add(new LinkedHashMap<>(Map.of("name", "callcenter-ai.invalid/agent-service",
                "newName", "ghcr.io/callcenter-ai/agent-service", "newTag", "0.2.0")));
        images.add(new LinkedHashMap<>(Map.of("name", "callcenter-ai.invalid/mlflow",
                "newName", "ghcr.io/callcenter-ai/mlflow", "digest", "sha256:" + "ab".repeat(32))));
        images.add(new LinkedHashMap<>(Map.of("name", "callcenter-ai.invalid/tfidf-service",
                "newName", "ghcr.io/callcenter-ai/tfidf-service")));
        var pins = pins(images);
        // tfidf without a tag or digest, transformer absent: neither is pinned by this overlay.
        assertThat(pins).containsOnlyKeys("ghcr.io/callcenter-ai/agent-service", "ghcr.io/callcenter-ai/mlflow");
        assertThat(pins.get("ghcr.io/callcenter-ai/mlflow")).isEqualTo("ghcr.io/callcenter-ai/mlflow@sha256:" + "ab".repeat(32));
        images.get(1).put("newTag", "3.17.2");
        assertThat(pins(images).get("ghcr.io/callcenter-ai/mlflow")).isEqualTo("ghcr.io/callcenter-ai/mlflow:3.17.2@sha256:" + "ab".repeat(32));
        assertThat(floating("ghcr.io/callcenter-ai/agent-service:latest")).isPresent();
        assertThat(floating("ghcr.io/callcenter-ai/agent-service:0.2.0")).isEmpty();
    }
}

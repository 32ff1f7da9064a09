package ai.callcenter.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static ai.callcenter.infrastructure.K8s.find;
import static ai.callcenter.infrastructure.K8s.get;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.maps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images the project builds (scripts/images.sh, without a Docker engine) and the Dockerfiles kept for users
 * with one describe the same container: user, ports, entrypoint, JVM options, working directory, JRE major version;
 * and the deployments run them as that user on those ports. Every container image of every rendered environment
 * is one the project builds or a public one pinned to a version, and prod names the project's by tag and digest.
 */
class ImagesTest {

    /** The image each project Deployment runs (scripts/images.sh's names), with its Dockerfile. */
    static final Map<String, String> DOCKERFILES = new TreeMap<>(Map.of(
            "agent-service", "agent-service/Dockerfile",
            "tfidf-service", "tfidf-service/Dockerfile",
            "transformer-service", "transformer-service/Dockerfile",
            "mlflow", "infrastructure/docker/mlflow/Dockerfile"));
    static final Map<String, String> DEPLOYMENTS = Map.of("agent-service", "agent", "tfidf-service", "tfidf",
            "transformer-service", "transformer", "mlflow", "mlflow");
    private static final Pattern DIGEST = Pattern.compile("@sha256:[0-9a-f]{64}$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> CONFIGS = new ConcurrentHashMap<>();

    /** The runtime config scripts/images.sh gives IMAGE (User, Env, Entrypoint, WorkingDir, ExposedPorts). */
    static JsonNode imageConfig(String image) throws IOException {
        var cached = CONFIGS.get(image);
        if (cached != null) {
            return cached;
        }
        var result = Infra.run(Infra.repoRoot(), List.of("bash", "scripts/images.sh", "config", image));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        var config = JSON.readTree(result.stdout());
        CONFIGS.put(image, config);
        return config;
    }

    static Map<String, String> env(JsonNode config) {
        Map<String, String> env = new TreeMap<>();
        config.path("Env").forEach(e -> env.put(e.asText().substring(0, e.asText().indexOf('=')),
                e.asText().substring(e.asText().indexOf('=') + 1)));
        return env;
    }

    static Set<Integer> exposed(JsonNode config) {
        Set<Integer> ports = new TreeSet<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(p -> ports.add(Integer.parseInt(p.replace("/tcp", ""))));
        return ports;
    }

    /** A Dockerfile's final stage: instruction -> its arguments (continuation lines joined, comments dropped). */
    static Map<String, List<String>> finalStage(String dockerfile) {
        Map<String, List<String>> stage = new LinkedHashMap<>();
        var logical = dockerfile.replaceAll("(?m)^\\s*#.*\\n", "").replaceAll("\\\\\\n", " ");
        for (String line : logical.split("\n")) {
            var m = Pattern.compile("^\\s*([A-Z]+)\\s+(.*)$").matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).equals("FROM")) {
                stage.clear();
            }
            stage.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2).trim());
        }
        return stage;
    }

    static Map<String, String> dockerEnv(Map<String, List<String>> stage) {
        Map<String, String> env = new TreeMap<>();
        for (String args : stage.getOrDefault("ENV", List.of())) {
            Matcher m = Pattern.compile("(\\w+)=(\"([^\"]*)\"|(\\S+))").matcher(args);
            while (m.find()) {
                env.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(4));
            }
        }
        return env;
    }

    static Set<Integer> dockerExposed(Map<String, List<String>> stage) {
        Set<Integer> ports = new TreeSet<>();
        stage.getOrDefault("EXPOSE", List.of()).forEach(a -> {
            for (String p : a.split("\\s+")) {
                ports.add(Integer.parseInt(p.replace("/tcp", "")));
            }
        });
        return ports;
    }

    static List<String> images() {
        return new ArrayList<>(DOCKERFILES.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void theBuiltImageAndItsDockerfileDescribeOneContainer(String image) throws IOException {
        var config = imageConfig(image);
        var stage = finalStage(Files.readString(Infra.repoRoot().resolve(DOCKERFILES.get(image))));
        String uid = config.path("User").asText().split(":")[0];
        assertThat(stage.get("USER")).as("%s: USER", DOCKERFILES.get(image)).hasSize(1);
        assertThat(stage.get("USER").get(0).split(":")[0]).as("%s: USER", DOCKERFILES.get(image)).isEqualTo(uid);
        assertThat(uid).as("%s runs as a numeric non-root user", image).matches("[1-9][0-9]*");
        assertThat(dockerExposed(stage)).as("%s: EXPOSE", DOCKERFILES.get(image)).isEqualTo(exposed(config));
        if (image.endsWith("-service")) {
            var entrypoint = JSON.readTree(stage.get("ENTRYPOINT").get(0));
            assertThat(entrypoint).as("%s: ENTRYPOINT", DOCKERFILES.get(image)).isEqualTo(config.path("Entrypoint"));
            assertThat(stage.get("WORKDIR")).as("%s: WORKDIR", DOCKERFILES.get(image))
                    .containsExactly(config.path("WorkingDir").asText());
            var dockerEnv = dockerEnv(stage);
            var imageEnv = env(config);
            for (String key : List.of("JAVA_TOOL_OPTIONS", "PORT", "MANAGEMENT_SERVER_PORT")) {
                assertThat(imageEnv.get(key)).as("%s %s", image, key).isNotNull().isEqualTo(dockerEnv.get(key));
            }
            // the JRE's major version: Debian's openjdk-N in the image, eclipse-temurin:N in the Dockerfile
            var jre = Pattern.compile("java-(\\d+)-openjdk").matcher(imageEnv.get("JAVA_HOME"));
            assertThat(jre.find()).as("%s JAVA_HOME", image).isTrue();
            assertThat(stage.get("FROM").get(0)).as("%s: FROM", DOCKERFILES.get(image))
                    .matches(".*eclipse-temurin:" + jre.group(1) + "\\..*-jre.*");
        }
    }

    /** The deployments run each image as its user, on its ports, in every environment and in the chart. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ai.callcenter.infrastructure.Environments#appRenders")
    void deploymentsRunTheImagesAsBuilt(String render) throws IOException {
        var objects = Renders.get(render);
        for (var e : DEPLOYMENTS.entrySet()) {
            var config = imageConfig(e.getKey());
            var spec = map(K8s.podTemplate(find(objects, "Deployment", e.getValue())), "spec");
            String uid = config.path("User").asText().split(":")[0];
            assertThat(String.valueOf(get(spec, "securityContext", "runAsUser"))).as("%s %s runAsUser", render, e.getValue())
                    .isEqualTo(uid);
            var container = maps(spec, "containers").stream().filter(c -> e.getValue().equals(c.get("name"))).findFirst().orElseThrow();
            Set<Integer> ports = new TreeSet<>();
            maps(container, "ports").forEach(p -> ports.add(((Number) p.get("containerPort")).intValue()));
            assertThat(ports).as("%s %s containerPorts", render, e.getValue()).isEqualTo(exposed(config));
        }
    }

    /**
     * Every container image of a rendered environment is the project's own (ghcr.io/callcenter-ai/..., the ones
     * scripts/images.sh builds) or a public image with a version tag; in prod the project's carry a digest too.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ai.callcenter.infrastructure.Environments#appRenders")
    void everyImageIsBuiltHereOrAPinnedPublicOne(String render) {
        var objects = Renders.get(render);
        var problems = problems(objects, "prod".equals(Environments.of(render)));
        assertThat(problems).as(render).isEmpty();
    }

    static List<String> problems(List<Map<String, Object>> objects, boolean digestsRequired) {
        List<String> problems = new ArrayList<>();
        var built = new TreeSet<>(ImagePromotionTest.PROJECT_IMAGES.values());
        assertThat(built).containsExactlyInAnyOrderElementsOf(
                DOCKERFILES.keySet().stream().map(i -> "ghcr.io/callcenter-ai/" + i).toList());
        for (var e : ImagePromotionTest.images(objects).entrySet()) {
            String image = e.getValue();
            String repo = image.replaceAll("@sha256:.*$", "").replaceAll(":[^/:]*$", "");
            if (repo.startsWith("ghcr.io/callcenter-ai/") || repo.startsWith("callcenter-ai.invalid/")) {
                if (!built.contains(repo)) {
                    problems.add(e.getKey() + ": " + image + " is not an image scripts/images.sh builds");
                } else if (digestsRequired && !DIGEST.matcher(image).find()) {
                    problems.add(e.getKey() + ": " + image + " has no digest");
                }
            }
            ImagePromotionTest.floating(image).ifPresent(f -> problems.add(e.getKey() + ": " + f));
        }
        return problems;
    }

    @Test
    void prodNamesTheProjectImagesByTagAndDigest() throws IOException {
        var pins = ImagePromotionTest.overlayPins("prod");
        assertThat(pins).isNotEmpty();
        assertThat(pins.values()).allMatch(ref -> ref.matches(".*:[^/@]+@sha256:[0-9a-f]{64}"), "tag and digest");
    }

    // --- The checks must fail on broken input. ---

    @Test
    void anUnbuiltImageOrAMissingDigestIsCaught() {
        var objects = Renders.copyAll(Renders.get("overlay/prod"));
        var agent = maps(K8s.podTemplate(find(objects, "Deployment", "agent")), "spec", "containers").get(0);
        agent.put("image", "ghcr.io/callcenter-ai/agent-service:0.1.0");
        var tfidf = maps(K8s.podTemplate(find(objects, "Deployment", "tfidf")), "spec", "containers").get(0);
        tfidf.put("image", "ghcr.io/callcenter-ai/notebook:1.0@sha256:" + "ab".repeat(32));
        var redis = maps(K8s.podTemplate(find(objects, "Deployment", "redis")), "spec", "containers").get(0);
        redis.put("image", "docker.io/library/redis:latest");
        var problems = problems(objects, true);
        assertThat(problems).anyMatch(p -> p.contains("agent-service:0.1.0 has no digest"))
                .anyMatch(p -> p.contains("notebook") && p.contains("not an image scripts/images.sh builds"))
                .anyMatch(p -> p.contains("redis:latest"));
        assertThat(problems(objects, false)).noneMatch(p -> p.contains("has no digest"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"agent-service/Dockerfile", "transformer-service/Dockerfile"})
    void theDockerfileParserReadsTheFinalStage(String file) throws IOException {
        var stage = finalStage(Files.readString(Infra.repoRoot().resolve(file)));
        assertThat(stage.get("FROM")).hasSize(1);
        assertThat(dockerEnv(stage)).containsKeys("JAVA_TOOL_OPTIONS", "PORT", "MANAGEMENT_SERVER_PORT");
        assertThat(dockerEnv(stage).get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
        assertThat(dockerExposed(stage)).hasSize(2);
    }
}

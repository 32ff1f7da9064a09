package ai.callcenter.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.mlflow.RegistryFollower.Loaded;
import ai.callcenter.mlflow.RegistryFollower.Origin;
import ai.callcenter.mlflow.testing.TestRegistry;
import ai.callcenter.testing.MlflowServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following an alias of the real registry: first load, a moved alias, a broken version, MLflow unreachable. */
class RegistryFollowerTest {

    private final MlflowRest rest = new MlflowRest(MlflowServer.uri(), Duration.ofSeconds(30));
    private final ModelRegistry registry = new ModelRegistry(rest);
    private final MlflowArtifacts artifacts = new MlflowArtifacts(rest);
    private final List<String> events = new ArrayList<>();
    private String name;

    @TempDir
    Path dir;

    /** A "model" is a directory with one file, model.txt; "broken" cannot be loaded. */
    private static final Function<Path, String> LOADER = modelDir -> {
        try {
            String content = Files.readString(modelDir.resolve("model.txt"));
            if (content.equals("broken")) {
                throw new IllegalStateException("unreadable weights");
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    private final RegistryFollower.Events<String> recorder = new RegistryFollower.Events<>() {
        @Override
        public void switched(Loaded<String> previous, Loaded<String> next) {
            events.add("switched " + (previous == null ? "-" : previous.version()) + "->" + next.version() + " " + next.origin());
        }

        @Override
        public void loadFailed(String version, RuntimeException error) {
            events.add("failed " + version);
        }

        @Override
        public void registryUnreachable(MlflowException error) {
            events.add("unreachable");
        }
    };

    @BeforeEach
    void registeredModel() {
        name = TestRegistry.uniqueName("follower-test");
        registry.ensureRegisteredModel(name, "test");
    }

    private String register(String content) throws IOException {
        Path model = Files.createDirectories(dir.resolve("upload-" + UUID.randomUUID()));
        Files.writeString(model.resolve("model.txt"), content);
        return new TestRegistry(MlflowServer.uri()).register(name, model);
    }

    private RegistryFollower<String> follower(ModelRegistry through, String uri) {
        return new RegistryFollower<>(ModelUri.parse(uri), through, new ModelDownloads(new MlflowArtifacts(rest), dir.resolve("cache")),
                LOADER, recorder);
    }

    @Test
    void followsTheAliasAndSkipsAVersionThatFailsToLoad() throws IOException {
        String v1 = register("first");
        registry.setAlias(name, "champion", v1);
        RegistryFollower<String> follower = follower(registry, "models:/" + name + "@champion");

        follower.refresh();
        assertThat(follower.current()).map(Loaded::value).contains("first");
        follower.refresh();
        assertThat(events).containsExactly("switched -->" + v1 + " REGISTRY");

        String v2 = register("broken");
        registry.setAlias(name, "champion", v2);
        follower.refresh();
        follower.refresh();
        assertThat(follower.current()).map(Loaded::value).contains("first");
        assertThat(events).containsSubsequence("failed " + v2).filteredOn(e -> e.startsWith("failed")).hasSize(1);
        assertThat(follower.problem()).hasValueSatisfying(p -> assertThat(p).contains("failed to load", "still serving version " + v1));

        String v3 = register("third");
        registry.setAlias(name, "champion", v3);
        follower.refresh();
        assertThat(follower.current()).map(Loaded::value).contains("third");
        assertThat(follower.current()).map(Loaded::version).contains(v3);
        assertThat(follower.problem()).isEmpty();
        assertThat(events).last().isEqualTo("switched " + v1 + "->" + v3 + " REGISTRY");
    }

    @Test
    void withoutMlflowTheLastLoadedCopyIsServedAndConfirmedWhenMlflowAnswersAgain() throws IOException {
        String v1 = register("first");
        registry.setAlias(name, "champion", v1);
        follower(registry, "models:/" + name + "@champion").refresh();

        ModelRegistry down = new ModelRegistry(new MlflowRest(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2)));
        RegistryFollower<String> restarted = follower(down, "models:/" + name + "@champion");
        restarted.refresh();
        assertThat(restarted.current()).hasValueSatisfying(loaded -> {
            assertThat(loaded.value()).isEqualTo("first");
            assertThat(loaded.origin()).isEqualTo(Origin.CACHED_COPY);
        });
        assertThat(restarted.problem()).hasValueSatisfying(p -> assertThat(p).contains("MLflow unreachable", "cached copy"));

        RegistryFollower<String> neverLoaded = follower(down, "models:/" + name + "@other");
        neverLoaded.refresh();
        assertThat(neverLoaded.current()).isEmpty();
        assertThat(neverLoaded.problem()).hasValueSatisfying(p -> assertThat(p).contains("no copy of models:/" + name + "@other"));
    }

    @Test
    void aMissingAliasIsReportedAndPickedUpOnceSet() throws IOException {
        RegistryFollower<String> follower = follower(registry, "models:/" + name + "@champion");
        follower.refresh();
        assertThat(follower.current()).isEmpty();
        assertThat(follower.problem()).hasValueSatisfying(p -> assertThat(p).contains("champion"));

        registry.setAlias(name, "champion", register("first"));
        follower.refresh();
        assertThat(follower.current()).map(Loaded::value).contains("first");
    }
}

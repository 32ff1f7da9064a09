package ai.callcenter.mlflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Keeps loaded the version a {@code models:/} URI names. The first load takes the version the
 * registry names now, or, when MLflow cannot be reached, the copy this cache last loaded for the URI
 * (served as {@link Origin#CACHED_COPY}). Each {@link #refresh()} asks the registry again; when an
 * alias has moved, the new version is downloaded and loaded beside the current one, and only a
 * version that loaded is published. A version that fails to load is not retried until the alias
 * moves again.
 *
 * @param <T> what a version's directory is loaded into
 */
public final class RegistryFollower<T> implements AutoCloseable {

    /** Where the served version came from. */
    public enum Origin {
        /** the registry named it on the last successful call */
        REGISTRY,
        /** MLflow was unreachable; the copy this cache last loaded for the URI */
        CACHED_COPY
    }

    /** The version being served. */
    public record Loaded<T>(T value, String name, String version, Origin origin) {
    }

    /** What the follower reports, for logs and metrics; callbacks run on the loading thread. */
    public interface Events<T> {
        /** {@code previous} is null for the first load; it stays loaded until the receiver retires it. */
        default void switched(Loaded<T> previous, Loaded<T> next) {
        }

        default void loadFailed(String version, RuntimeException error) {
        }

        default void registryUnreachable(MlflowException error) {
        }
    }

    private static final String POINTER_PREFIX = "@";

    private final ModelUri uri;
    private final ModelRegistry registry;
    private final ModelDownloads downloads;
    private final Function<Path, T> loader;
    private final Events<T> events;
    private final AtomicReference<Loaded<T>> current = new AtomicReference<>();
    private final AtomicReference<String> problem = new AtomicReference<>();
    private volatile String failedVersion;
    private ScheduledExecutorService poller;

    public RegistryFollower(ModelUri uri, ModelRegistry registry, ModelDownloads downloads, Function<Path, T> loader,
                            Events<T> events) {
        this.uri = uri;
        this.registry = registry;
        this.downloads = downloads;
        this.loader = loader;
        this.events = events;
    }

    public ModelUri uri() {
        return uri;
    }

    public Optional<Loaded<T>> current() {
        return Optional.ofNullable(current.get());
    }

    /** Why nothing is served yet (or why the served copy is not the registry's), when that is so. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem.get());
    }

    /**
     * One look at the registry: loads the first version, follows a moved alias, or confirms a cached
     * copy once MLflow answers again. Never throws; what went wrong is in {@link #problem()} and the events.
     */
    public synchronized void refresh() {
        Loaded<T> now = current.get();
        ModelVersion named;
        try {
            named = registry.resolve(uri);
        } catch (MlflowException e) {
            if (!e.unreachable()) {
                problem.set(e.getMessage());
                return;
            }
            events.registryUnreachable(e);
            if (now == null) {
                loadCachedCopy(e);
            } else {
                problem.set("MLflow unreachable (" + e.getMessage() + "); serving " + (now.origin() == Origin.CACHED_COPY
                        ? "the cached copy of version " : "version ") + now.version() + " of " + uri.name());
            }
            return;
        }
        if (now != null && named.version().equals(now.version())) {
            if (now.origin() == Origin.CACHED_COPY) {
                current.set(new Loaded<>(now.value(), now.name(), now.version(), Origin.REGISTRY));
            }
            problem.set(null);
            return;
        }
        if (named.version().equals(failedVersion)) {
            return;
        }
        Loaded<T> next;
        try {
            next = new Loaded<>(loader.apply(downloads.fetch(named)), named.name(), named.version(), Origin.REGISTRY);
        } catch (RuntimeException e) {
            failedVersion = named.version();
            problem.set("version " + named.version() + " of " + uri.name() + " failed to load: " + e.getMessage()
                    + (now == null ? "" : "; still serving version " + now.version()));
            events.loadFailed(named.version(), e);
            return;
        }
        failedVersion = null;
        rememberServed(named.version());
        current.set(next);
        problem.set(null);
        events.switched(now, next);
    }

    /** Refreshes now, then every {@code interval} on a daemon thread, until {@link #close()}. */
    public void startPolling(Duration interval) {
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "registry-" + uri.name());
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private void loadCachedCopy(MlflowException unreachable) {
        Optional<String> version = uri.followsAlias() ? lastServed() : Optional.of(uri.version());
        Optional<Path> copy = version.map(v -> downloads.directoryOf(uri.name(), v)).filter(Files::isDirectory);
        if (copy.isEmpty()) {
            problem.set("MLflow unreachable (" + unreachable.getMessage() + ") and no copy of " + uri + " was loaded here before"
                    + " (" + downloads.directoryOf(uri.name(), "VERSION").getParent() + "); waiting for MLflow");
            return;
        }
        try {
            Loaded<T> cached = new Loaded<>(loader.apply(copy.get()), uri.name(), version.get(), Origin.CACHED_COPY);
            current.set(cached);
            problem.set("MLflow unreachable (" + unreachable.getMessage() + "); serving the cached copy of version "
                    + version.get() + " of " + uri.name());
            events.switched(null, cached);
        } catch (RuntimeException e) {
            problem.set("MLflow unreachable and the cached copy of version " + version.get() + " failed to load: " + e.getMessage());
            events.loadFailed(version.get(), e);
        }
    }

    /** The alias's last version loaded here, for a start without MLflow. */
    private Optional<String> lastServed() {
        Path pointer = pointerFile();
        try {
            return Files.isRegularFile(pointer) ? Optional.of(Files.readString(pointer, StandardCharsets.UTF_8).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void rememberServed(String version) {
        if (!uri.followsAlias()) {
            return;
        }
        Path pointer = pointerFile();
        try {
            Path temporary = Files.createTempFile(pointer.getParent(), ".pointer", ".tmp");
            Files.writeString(temporary, version, StandardCharsets.UTF_8);
            Files.move(temporary, pointer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // only a start without MLflow needs it; serving goes on
            problem.set("cannot remember the served version in " + pointer + ": " + e.getMessage());
        }
    }

    private Path pointerFile() {
        return downloads.directoryOf(uri.name(), POINTER_PREFIX + uri.alias());
    }
}

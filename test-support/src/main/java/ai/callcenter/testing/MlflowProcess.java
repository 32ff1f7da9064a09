package ai.callcenter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A second MLflow server of the project's installation (scripts/mlflow.sh install), on its own port
 * but the same PostgreSQL store and artifact directory, for tests that kill MLflow mid-traffic and
 * start it again without disturbing the shared server.
 */
public final class MlflowProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final int port;
    private Process process;

    private MlflowProcess(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Starts one on a free port; skipped (failed in CI) when the shared installation is missing. */
    public static MlflowProcess start() {
        MlflowServer.uri(); // the shared server runs, so PostgreSQL and the venv are there
        Path home = home();
        if (!Files.isExecutable(home.resolve("venv/bin/mlflow"))) {
            String message = "no MLflow installation in " + home + " (scripts/mlflow.sh install)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        MlflowProcess mlflow = new MlflowProcess(home, freePort());
        mlflow.launch();
        return mlflow;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Kills the server and its workers at once, as a crash would. */
    public void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts it again on the same port. */
    public void restart() {
        kill();
        launch();
    }

    @Override
    public void close() {
        kill();
    }

    private void launch() {
        String pgPort = System.getenv().getOrDefault("MLFLOW_PG_PORT", "5433");
        ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("venv/bin/mlflow").toString(), "server",
                "--backend-store-uri", "postgresql://mlflow@127.0.0.1:" + pgPort + "/mlflow",
                "--serve-artifacts", "--artifacts-destination", home.resolve("artifacts").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--workers", "1"))
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("logs").resolve("mlflow-test-" + port + ".log").toFile());
        builder.environment().put("PGPASSFILE", home.resolve("secrets/pgpass").toString());
        // as scripts/mlflow.sh: no job runner (eight more Python processes)
        builder.environment().put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(uri() + "/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the MLflow server exited; see " + home.resolve("logs"));
            }
            sleep();
        }
        kill();
        throw new IllegalStateException("MLflow on port " + port + " did not answer /health within " + START_TIMEOUT);
    }

    /** MLFLOW_HOME, else var/mlflow of the checkout the tests run in (a module directory's parent). */
    private static Path home() {
        String configured = System.getenv("MLFLOW_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("scripts"))) {
            dir = dir.getParent();
        }
        return (dir == null ? Path.of("") : dir).resolve("var/mlflow");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

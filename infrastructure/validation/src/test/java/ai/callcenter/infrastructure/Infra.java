package ai.callcenter.infrastructure;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Locations and external tools. A missing tool fails the test under CI=true and skips it elsewhere. */
public final class Infra {

    private Infra() {
    }

    /** infrastructure/ (the surefire configuration passes it; falls back to ../ of the module). */
    public static Path root() {
        String configured = System.getProperty("infrastructure.dir");
        Path p = configured != null ? Paths.get(configured) : Paths.get("..");
        return p.toAbsolutePath().normalize();
    }

    public static Path repoRoot() {
        return root().getParent();
    }

    public static Path workDir() throws IOException {
        Path dir = root().resolve("validation/target/validation-work");
        Files.createDirectories(dir);
        return dir;
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Finds an executable: a system property or environment variable naming it, then PATH, then the
     * places ci-setup.sh installs to. Absent: fails under CI (setup is broken), skips elsewhere.
     */
    public static Path require(String tool, String envOverride, String hint) {
        Optional<Path> found = find(tool, envOverride);
        if (found.isEmpty()) {
            String message = "Required tool '" + tool + "' not found (PATH, $" + envOverride
                    + ", ~/go/bin, infrastructure/.venv/bin). " + hint;
            if (inCi()) {
                Assertions.fail(message);
            }
            Assumptions.abort(message + " [skipped outside CI]");
        }
        return found.get();
    }

    public static Optional<Path> find(String tool, String envOverride) {
        List<String> candidates = new ArrayList<>();
        String prop = System.getProperty(tool + ".bin");
        if (prop != null) {
            candidates.add(prop);
        }
        if (envOverride != null && System.getenv(envOverride) != null) {
            candidates.add(System.getenv(envOverride));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                candidates.add(dir + File.separator + tool);
            }
        }
        candidates.add(System.getProperty("user.home") + "/go/bin/" + tool);
        candidates.add("/usr/local/bin/" + tool);
        candidates.add(root().resolve(".venv/bin/" + tool).toString());
        for (String c : candidates) {
            Path p = Paths.get(c);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public String describe() {
            return "exit " + exitCode + "\n--- stderr ---\n" + stderr + "\n--- stdout (head) ---\n"
                    + stdout.substring(0, Math.min(stdout.length(), 2000));
        }
    }

    public static Result run(Path workingDir, List<String> command) {
        try {
            Path out = Files.createTempFile("cmd-out", ".txt");
            Path err = Files.createTempFile("cmd-err", ".txt");
            try {
                Process p = new ProcessBuilder(command)
                        .directory(workingDir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + command);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

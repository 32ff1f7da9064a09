package ai.callcenter.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the read-only datasets in ../shared/data. In CI a missing dataset fails the test. */
public final class SharedData {

    private SharedData() {
    }

    public static Path root() {
        String configured = System.getProperty("callcenter.shared.data");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
        return root.toAbsolutePath().normalize();
    }

    public static Path file(String relative) {
        Path file = root().resolve(relative);
        if (!Files.isRegularFile(file)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("dataset missing in CI: " + file);
            }
            Assumptions.abort("dataset not available here: " + file);
        }
        return file;
    }
}

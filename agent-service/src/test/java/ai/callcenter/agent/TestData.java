package ai.callcenter.agent;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates shared datasets via -Dcallcenter.shared.data; missing data fails under CI=true, else skips. */
public final class TestData {

    private TestData() {
    }

    public static Path file(String relative) {
        String dir = System.getProperty("callcenter.shared.data", "../shared/data");
        Path p = Path.of(dir).resolve(relative);
        if (!Files.isRegularFile(p)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("dataset missing under CI: " + p.toAbsolutePath());
            }
            assumeTrue(false, "dataset not available: " + p.toAbsolutePath());
        }
        return p;
    }
}

package ai.callcenter.transformer.encoder;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The use-multilingual-v3 files scripts/encoders.sh fetches into models/encoders/. A test that needs
 * them is skipped when they are missing, and fails in CI, where scripts/test.sh fetches them first.
 */
public final class FetchedUsem {

    private FetchedUsem() {
    }

    public static Path dir() {
        String configured = System.getProperty("callcenter.encoders.dir");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "models", "encoders");
        Path dir = root.resolve(UseMultilingualEncoder.ID).toAbsolutePath().normalize();
        for (String name : new String[] {UseMultilingualEncoder.WEIGHTS, UseMultilingualEncoder.TOKENIZER}) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                String message = "no " + dir.resolve(name) + "; fetch it with: scripts/encoders.sh fetch";
                if ("true".equals(System.getenv("CI"))) {
                    throw new AssertionError(message);
                }
                Assumptions.abort(message);
            }
        }
        return dir;
    }
}

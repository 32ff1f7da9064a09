package ai.callcenter.agent.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes router config files. */
public final class RouterConfigs {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RouterConfigs() {
    }

    public static RouterConfig read(Path file) {
        try {
            RouterConfig config = JSON.readValue(file.toFile(), RouterConfig.class);
            if (config.format() != RouterConfig.FORMAT) {
                throw new IllegalArgumentException("router config " + file + " has format " + config.format()
                        + "; this agent reads format " + RouterConfig.FORMAT);
            }
            if (config.segments() == null || config.segments().isEmpty()) {
                throw new IllegalArgumentException("router config " + file + " has no segments");
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read router config " + file, e);
        }
    }

    public static void write(RouterConfig config, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write router config " + file, e);
        }
    }
}

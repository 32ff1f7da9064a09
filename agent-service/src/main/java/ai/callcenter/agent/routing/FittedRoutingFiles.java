package ai.callcenter.agent.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes fitted routing files (router.json). */
public final class FittedRoutingFiles {

    /** The routing file's name in a registered ticket-router version. */
    public static final String REGISTERED_FILE = "router.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FittedRoutingFiles() {
    }

    public static FittedRouting read(Path file) {
        try {
            FittedRouting config = JSON.readValue(file.toFile(), FittedRouting.class);
            if (config.format() != FittedRouting.FORMAT) {
                throw new IllegalArgumentException("fitted routing " + file + " has format " + config.format()
                        + "; this agent reads format " + FittedRouting.FORMAT);
            }
            if (config.segments() == null || config.segments().isEmpty()) {
                throw new IllegalArgumentException("fitted routing " + file + " has no segments");
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fitted routing " + file, e);
        }
    }

    public static void write(FittedRouting config, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fitted routing " + file, e);
        }
    }
}

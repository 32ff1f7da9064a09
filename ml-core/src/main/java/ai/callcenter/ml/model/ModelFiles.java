package ai.callcenter.ml.model;

import ai.callcenter.ml.oos.ScopeModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Reads and writes the parts of a model directory that every model type shares. */
public final class ModelFiles {

    public static final String METADATA = "metadata.json";
    public static final String METRICS = "metrics.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ModelFiles() {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** e.g. {@code tfidf-20261126T140501Z-044fdace}: sortable by time, tied to the training data. */
    public static String newVersion(String modelType, Instant createdAt, String dataSha256) {
        return modelType + "-" + VERSION_TIME.format(createdAt) + "-" + dataSha256.substring(0, 8);
    }

    public static void writeMetadata(Path modelDir, ModelMetadata metadata) {
        writeJson(modelDir.resolve(METADATA), metadata);
    }

    public static ModelMetadata readMetadata(Path modelDir) {
        Path file = modelDir.resolve(METADATA);
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("no " + METADATA + " in " + modelDir + ": not a model directory");
        }
        try {
            return JSON.readValue(file.toFile(), ModelMetadata.class);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The directory's out-of-scope detectors; empty for a directory trained before them. */
    public static Optional<ScopeModel> readScope(Path modelDir) {
        try {
            return ScopeModel.read(modelDir);
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new ModelLoadException("cannot read the out-of-scope detector in " + modelDir + ": " + e.getMessage(), e);
        }
    }

    public static void writeJson(Path file, Object value) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

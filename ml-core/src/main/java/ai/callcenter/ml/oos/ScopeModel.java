package ai.callcenter.ml.oos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model directory's out-of-scope detectors: the served one and the candidates fitted beside it
 * for comparison, with the class statistics of the encoder space when a detector uses them.
 * Stored as {@value #FILE} (and {@value #SPACE_FILE}); directories written before detectors existed
 * have neither, and their models answer {@code out_of_scope: false} with no score.
 */
public record ScopeModel(String served, double keepRate, Map<String, OosDetector> detectors, EmbeddingSpace space) {

    public static final String FILE = "oos.json";
    // Its own mapper: model.ModelFiles reads this package's files (ModelFiles.readScope), not the other way round.
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String SPACE_FILE = "oos-space.bin";

    /** The verdict on one ticket: the served detector's score and whether it is above its threshold. */
    public record Verdict(double score, boolean outOfScope) {
    }

    public ScopeModel {
        detectors = Map.copyOf(detectors);
        if (!detectors.containsKey(served)) {
            throw new IllegalArgumentException("the served detector " + served + " is not among " + detectors.keySet());
        }
    }

    /** Fits every method of {@code settings} on in-scope validation inputs. */
    public static ScopeModel fit(OosSettings settings, List<OosInput> validation, EmbeddingSpace space) {
        Map<String, OosDetector> fitted = new LinkedHashMap<>();
        for (String method : settings.allMethods()) {
            fitted.put(method, OosDetector.fit(method, validation, space, settings.keepRate()));
        }
        return new ScopeModel(settings.method(), settings.keepRate(), fitted, space);
    }

    public Verdict judge(OosInput input) {
        OosDetector detector = detectors.get(served);
        double score = detector.score(input, space);
        return new Verdict(score, detector.outOfScope(score));
    }

    /** Every stored detector's verdict, by method, for {@code evaluate}'s comparison. */
    public Map<String, Verdict> judgeAll(OosInput input) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        for (Map.Entry<String, OosDetector> e : new java.util.TreeMap<>(detectors).entrySet()) {
            double score = e.getValue().score(input, space);
            out.put(e.getKey(), new Verdict(score, e.getValue().outOfScope(score)));
        }
        return out;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    private record Stored(String served, double keepRate, Map<String, OosDetector> detectors) {
    }

    public void write(Path modelDir) {
        try {
            Files.createDirectories(modelDir);
            JSON.writeValue(modelDir.resolve(FILE).toFile(), new Stored(served, keepRate, new java.util.TreeMap<>(detectors)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + modelDir.resolve(FILE), e);
        }
        if (space != null) {
            space.write(modelDir.resolve(SPACE_FILE));
        }
    }

    /** Removes a previous training's detector files, so a retrain never serves a stale one. */
    public static void delete(Path modelDir) {
        try {
            Files.deleteIfExists(modelDir.resolve(FILE));
            Files.deleteIfExists(modelDir.resolve(SPACE_FILE));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the old detector from " + modelDir, e);
        }
    }

    /**
     * Empty for a directory written before out-of-scope detection. Unreadable or inconsistent files
     * throw {@link java.io.UncheckedIOException} or {@link IllegalArgumentException}; ModelFiles.readScope
     * turns both into a model load error.
     */
    public static Optional<ScopeModel> read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Stored stored = JSON.readValue(file.toFile(), Stored.class);
            Path spaceFile = modelDir.resolve(SPACE_FILE);
            EmbeddingSpace space = Files.isRegularFile(spaceFile) ? EmbeddingSpace.read(spaceFile) : null;
            return Optional.of(new ScopeModel(stored.served(), stored.keepRate(), stored.detectors(), space));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }
}

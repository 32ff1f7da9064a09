package ai.callcenter.agent.pii;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import opennlp.tools.namefind.TokenNameFinderModel;

/**
 * Trains the OpenNLP name finder on the TRAIN templates on first use and caches the model file
 * (a few hundred KB) under a name that hashes the training file and the parameters, so a changed
 * dataset or parameter retrains and an unchanged one loads in well under a second. Training is
 * deterministic (GIS maxent, one thread), so a cached model equals a freshly trained one.
 */
public final class NameFinderModels {

    /** Maxent iterations and feature cutoff (OpenNLP's defaults). */
    public static final int ITERATIONS = 100;
    public static final int CUTOFF = 5;
    /** Bumped whenever tokenisation, type mapping or features change, to invalidate cached models. */
    static final int FORMAT = 1;

    private static final Logger LOG = Logger.getLogger(NameFinderModels.class.getName());

    private NameFinderModels() {
    }

    /** The configured training file, if it exists (relative paths: working dir, then its parent). */
    public static Optional<Path> resolve(String configured) {
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(configured);
        if (Files.isRegularFile(p)) {
            return Optional.of(p);
        }
        if (!p.isAbsolute()) {
            Path parent = Path.of("").toAbsolutePath().getParent();
            if (parent != null && Files.isRegularFile(parent.resolve(p))) {
                return Optional.of(parent.resolve(p));
            }
        }
        return Optional.empty();
    }

    /** Loads the cached model for this training file, or trains and caches it. */
    public static TokenNameFinderModel loadOrTrain(Path trainingData, String cacheDir) {
        return loadOrTrain(trainingData, cacheDir, false);
    }

    /**
     * As {@link #loadOrTrain(Path, String)}; with {@code lowerCased} the model is trained on the same
     * sentences lower-cased, for text written without capitals ({@link CaseAwareNameFinder}).
     */
    public static TokenNameFinderModel loadOrTrain(Path trainingData, String cacheDir, boolean lowerCased) {
        try {
            byte[] data = Files.readAllBytes(trainingData);
            Path dir = cacheDir == null || cacheDir.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "callcenter-pii") : Path.of(cacheDir);
            Path file = dir.resolve("name-finder-" + (lowerCased ? "caseless-" : "") + key(data) + ".bin");
            if (Files.isRegularFile(file)) {
                try {
                    return NameFinderRecognizer.deserialize(Files.readAllBytes(file));
                } catch (RuntimeException e) {
                    LOG.warning("unreadable cached name-finder model, retraining: " + file);
                }
            }
            long t0 = System.nanoTime();
            List<PresidioTrainingData.Sentence> sentences = PresidioTrainingData.trainSentences(trainingData);
            TokenNameFinderModel model = NameFinderRecognizer.train(lowerCased ? PresidioTrainingData.lowerCased(sentences) : sentences, ITERATIONS, CUTOFF);
            LOG.info(() -> "trained the PII name-finder model in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            try {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "name-finder", ".tmp");
                Files.write(tmp, NameFinderRecognizer.serialize(model));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.warning("could not cache the name-finder model in " + dir + ": " + e.getMessage());
            }
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(byte[] data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data);
            md.update(("|" + ITERATIONS + "|" + CUTOFF + "|" + FORMAT + "|" + PresidioTrainingData.HELD_OUT_MODULUS).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

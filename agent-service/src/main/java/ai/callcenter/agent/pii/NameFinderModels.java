package ai.callcenter.agent.pii;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import opennlp.tools.namefind.TokenNameFinderModel;

/**
 * Trains the OpenNLP name finder on the TRAIN templates on first use and caches the model file
 * (a few hundred KB) under a name that hashes the training file and the parameters, so a changed
 * dataset or parameter retrains and an unchanged one loads in well under a second. Training is
 * deterministic (GIS maxent, one thread), so a cached model equals a freshly trained one.
 * <p>Where the dataset is not at hand (a container image, a Kubernetes pod), a <em>name-model
 * directory</em> written by the {@code pii-models} command carries both models instead
 * ({@link #writeDirectory}, {@link #load}).
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

    /** File names inside a name-model directory. */
    public static final String CASED_FILE = "name-finder.bin";
    public static final String CASELESS_FILE = "name-finder-caseless.bin";
    public static final String METADATA_FILE = "metadata.json";

    /** The cased name finder and the one for text written without capitals ({@link CaseAwareNameFinder}). */
    public record NameModels(TokenNameFinderModel cased, TokenNameFinderModel caseless) {
    }

    /**
     * The models the options point to: the name-model directory when it is configured and complete,
     * else the models trained on (or cached for) the training data, else none (rules only; logged).
     */
    public static Optional<NameModels> load(PiiOptions options) {
        if (!options.nameModelDir().isEmpty()) {
            Path dir = Path.of(options.nameModelDir());
            if (Files.isRegularFile(dir.resolve(CASED_FILE)) && Files.isRegularFile(dir.resolve(CASELESS_FILE))) {
                try {
                    return Optional.of(new NameModels(NameFinderRecognizer.deserialize(Files.readAllBytes(dir.resolve(CASED_FILE))),
                            NameFinderRecognizer.deserialize(Files.readAllBytes(dir.resolve(CASELESS_FILE)))));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the PII name models in " + dir, e);
                }
            }
            LOG.warning("PII name-model directory " + dir + " lacks " + CASED_FILE + " or " + CASELESS_FILE + "; trying the training data");
        }
        Optional<NameModels> trained = resolve(options.nameModelTrainingData()).map(data -> loadOrTrain(data, options.nameModelCacheDir()));
        if (trained.isEmpty() && !(options.nameModelTrainingData().isEmpty() && options.nameModelDir().isEmpty())) {
            LOG.warning("no PII name-finder model (name-model-dir '" + options.nameModelDir() + "', training data '"
                    + options.nameModelTrainingData() + "' not found): person/address detection runs on rules only");
        }
        return trained;
    }

    /**
     * Trains both models on the TRAIN templates of the presidio file and writes them into
     * {@code outDir} with a {@code metadata.json} (data hash, parameters, time); returns that metadata.
     */
    public static Map<String, Object> writeDirectory(Path trainingData, Path outDir) throws IOException {
        List<PresidioTrainingData.Sentence> sentences = PresidioTrainingData.trainSentences(trainingData);
        long t0 = System.nanoTime();
        TokenNameFinderModel cased = NameFinderRecognizer.train(sentences, ITERATIONS, CUTOFF);
        TokenNameFinderModel caseless = NameFinderRecognizer.train(PresidioTrainingData.lowerCased(sentences), ITERATIONS, CUTOFF);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Files.createDirectories(outDir);
        Files.write(outDir.resolve(CASED_FILE), NameFinderRecognizer.serialize(cased));
        Files.write(outDir.resolve(CASELESS_FILE), NameFinderRecognizer.serialize(caseless));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("training_data_sha256", sha256(Files.readAllBytes(trainingData)));
        metadata.put("train_sentences", sentences.size());
        metadata.put("held_out_modulus", PresidioTrainingData.HELD_OUT_MODULUS);
        metadata.put("iterations", ITERATIONS);
        metadata.put("cutoff", CUTOFF);
        metadata.put("train_seconds", Math.round(seconds * 10) / 10.0);
        metadata.put("created_at", Instant.now().toString());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outDir.resolve(METADATA_FILE).toFile(), metadata);
        return metadata;
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

    /**
     * Both models for this training file: each loaded from the cache, or trained and cached. The file
     * is read and hashed once, and parsed only when a model has to be trained.
     */
    public static NameModels loadOrTrain(Path trainingData, String cacheDir) {
        try {
            byte[] data = Files.readAllBytes(trainingData);
            Path dir = cacheDir == null || cacheDir.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "callcenter-pii") : Path.of(cacheDir);
            String key = key(data);
            Path casedFile = dir.resolve("name-finder-" + key + ".bin");
            Path caselessFile = dir.resolve("name-finder-caseless-" + key + ".bin");
            TokenNameFinderModel cased = cached(casedFile);
            TokenNameFinderModel caseless = cached(caselessFile);
            if (cased == null || caseless == null) {
                List<PresidioTrainingData.Sentence> sentences = PresidioTrainingData.trainSentences(trainingData);
                if (cased == null) {
                    cased = trainAndCache(sentences, dir, casedFile);
                }
                if (caseless == null) {
                    caseless = trainAndCache(PresidioTrainingData.lowerCased(sentences), dir, caselessFile);
                }
            }
            return new NameModels(cased, caseless);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cached model in this file, or null when there is none (or it is unreadable). */
    private static TokenNameFinderModel cached(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            try {
                return NameFinderRecognizer.deserialize(Files.readAllBytes(file));
            } catch (RuntimeException e) {
                LOG.warning("unreadable cached name-finder model, retraining: " + file);
            }
        }
        return null;
    }

    private static TokenNameFinderModel trainAndCache(List<PresidioTrainingData.Sentence> sentences, Path dir, Path file) {
        long t0 = System.nanoTime();
        TokenNameFinderModel model = NameFinderRecognizer.train(sentences, ITERATIONS, CUTOFF);
        LOG.info(() -> "trained the PII name-finder model " + file.getFileName() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "name-finder", ".tmp");
            Files.write(tmp, NameFinderRecognizer.serialize(model));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warning("could not cache the name-finder model in " + dir + ": " + e.getMessage());
        }
        return model;
    }

    private static String key(byte[] data) {
        return sha256(data, ("|" + ITERATIONS + "|" + CUTOFF + "|" + FORMAT + "|" + PresidioTrainingData.HELD_OUT_MODULUS)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                md.update(part);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

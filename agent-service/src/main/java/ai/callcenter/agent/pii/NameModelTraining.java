package ai.callcenter.agent.pii;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import opennlp.tools.namefind.TokenNameFinderModel;

/**
 * Trains the two name finders on the TRAIN templates of the presidio synthetic dataset and writes a
 * PII-models directory ({@link NameModels}). Run by {@code bin/callcenter pii-models} and by tests,
 * never by the agent, which only reads the directory. Training is deterministic (GIS maxent, one
 * thread), so the same data and parameters give the same models.
 */
public final class NameModelTraining {

    /** Maxent iterations and feature cutoff (OpenNLP's defaults). */
    public static final int ITERATIONS = 100;
    public static final int CUTOFF = 5;
    /** Bumped whenever tokenisation, type mapping or features change, so a reused directory is retrained. */
    static final int FORMAT = 1;

    private NameModelTraining() {
    }

    /**
     * Trains both models on the TRAIN templates of {@code trainingData} and writes them into
     * {@code outDir} with a {@code metadata.json} (data hash, parameters, time); returns that metadata.
     */
    public static Map<String, Object> writeDirectory(Path trainingData, Path outDir) throws IOException {
        List<PresidioDataset.Sample> sentences = PresidioDataset.load(trainingData, PresidioDataset.Split.TRAIN);
        long started = System.nanoTime();
        NameModels models = train(sentences);
        double seconds = (System.nanoTime() - started) / 1e9;
        models.write(outDir);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("training_data_sha256", sha256(Files.readAllBytes(trainingData)));
        metadata.put("train_sentences", sentences.size());
        metadata.put("held_out_modulus", PresidioDataset.HELD_OUT_MODULUS);
        metadata.put("iterations", ITERATIONS);
        metadata.put("cutoff", CUTOFF);
        metadata.put("train_seconds", Math.round(seconds * 10) / 10.0);
        metadata.put("created_at", Instant.now().toString());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(outDir.resolve(NameModels.METADATA_FILE).toFile(), metadata);
        return metadata;
    }

    /**
     * A PII-models directory for this training file under {@code cacheRoot}, named by a hash of the
     * data and the parameters: trained the first time, reused after (tests share one across JVMs).
     */
    public static Path cachedDirectory(Path trainingData, Path cacheRoot) {
        try {
            Path dir = cacheRoot.resolve("pii-models-" + key(Files.readAllBytes(trainingData)));
            if (!NameModels.presentIn(dir)) {
                Files.createDirectories(cacheRoot);
                Path staging = Files.createTempDirectory(cacheRoot, "training-");
                writeDirectory(trainingData, staging);
                try {
                    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException anotherJvmWasFaster) {
                    if (!NameModels.presentIn(dir)) {
                        throw anotherJvmWasFaster;
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot train the PII name models into " + cacheRoot, e);
        }
    }

    static NameModels train(List<PresidioDataset.Sample> sentences) {
        TokenNameFinderModel cased = NameFinderRecognizer.train(sentences, ITERATIONS, CUTOFF);
        TokenNameFinderModel caseless = NameFinderRecognizer.train(
                PresidioDataset.retyped(sentences, PresidioDataset.Typing.LOWER_CASE), ITERATIONS, CUTOFF);
        return new NameModels(cased, caseless);
    }

    private static String key(byte[] data) {
        return sha256(data, ("|" + ITERATIONS + "|" + CUTOFF + "|" + FORMAT + "|" + PresidioDataset.HELD_OUT_MODULUS)
                .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                md.update(part);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}

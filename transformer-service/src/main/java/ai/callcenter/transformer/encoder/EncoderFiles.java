package ai.callcenter.transformer.encoder;

import ai.callcenter.serving.artifact.MissingArtifactException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An encoder on disk: the ONNX graph (or, for use-multilingual-v3, its weights.npz), its tokenizer,
 * its pooling and a fingerprint of the model bytes. A trained head is only valid with the exact encoder it was trained on; the fingerprint
 * lets loading check that.
 *
 * @param source a human name: the shipped id or the BYO directory
 */
public record EncoderFiles(String source, Path model, Path tokenizer, Pooling pooling, String modelSha256) {

    public static final String BYO_MODEL = "model.onnx";
    public static final String BYO_TOKENIZER = "tokenizer.json";

    /** The configured encoder: the BYO directory if set, else the named one. */
    public static EncoderFiles resolve(EncoderProperties properties) {
        if (properties.byo()) {
            return fromDirectory(Path.of(properties.dir()), properties.pooling());
        }
        return named(properties.name(), properties);
    }

    /** A named encoder: fetched by scripts/encoders.sh (use-multilingual-v3) or shipped in a jar. */
    public static EncoderFiles named(String id, EncoderProperties properties) {
        if (UseMultilingualEncoder.ID.equalsIgnoreCase(id)) {
            return fetched(Path.of(properties.fetchedDir()));
        }
        try {
            return extract(ShippedEncoder.byId(id), Path.of(properties.extractDir()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; fetched by scripts/encoders.sh: "
                    + UseMultilingualEncoder.ID, e);
        }
    }

    /**
     * use-multilingual-v3 under {@code root}. Services never download: a missing file names the script
     * that fetches it (MissingArtifactException, which the serving module's failure analyzer reports).
     */
    public static EncoderFiles fetched(Path root) {
        Path dir = root.resolve(UseMultilingualEncoder.ID);
        Path weights = dir.resolve(UseMultilingualEncoder.WEIGHTS);
        Path tokenizer = dir.resolve(UseMultilingualEncoder.TOKENIZER);
        String fetch = "scripts/encoders.sh fetch " + UseMultilingualEncoder.ID + " (ENCODERS_DIR=" + root + ")";
        MissingArtifactException.requireFile(weights, UseMultilingualEncoder.ID + " encoder weights", fetch);
        MissingArtifactException.requireFile(tokenizer, UseMultilingualEncoder.ID + " SentencePiece model", fetch);
        return new EncoderFiles(UseMultilingualEncoder.ID, weights, tokenizer, Pooling.MODEL, sha256(weights));
    }

    public static EncoderFiles fromDirectory(Path dir, Pooling pooling) {
        Path model = dir.resolve(BYO_MODEL);
        Path tokenizer = dir.resolve(BYO_TOKENIZER);
        if (!Files.isRegularFile(model) || !Files.isRegularFile(tokenizer)) {
            throw new IllegalArgumentException("encoder directory " + dir + " must contain " + BYO_MODEL
                    + " and " + BYO_TOKENIZER);
        }
        if (pooling == null) {
            throw new IllegalArgumentException("a bring-your-own encoder needs its pooling (cls or mean)");
        }
        return new EncoderFiles(dir.toAbsolutePath().toString(), model, tokenizer, pooling, sha256(model));
    }

    /**
     * Copies a shipped encoder's resources to {@code root/<id>/}. A copy whose size matches is reused,
     * so a restart does not rewrite tens of megabytes; the fingerprint is still computed from the bytes.
     */
    public static EncoderFiles extract(ShippedEncoder encoder, Path root) {
        if (!encoder.available()) {
            throw new IllegalArgumentException("encoder " + encoder.id() + " is not on the classpath");
        }
        Path dir = root.resolve(encoder.id());
        Path model = dir.resolve(BYO_MODEL);
        Path tokenizer = dir.resolve(BYO_TOKENIZER);
        try {
            Files.createDirectories(dir);
            copyResource(encoder.modelResource(), model);
            copyResource(encoder.tokenizerResource(), tokenizer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack encoder " + encoder.id() + " to " + dir, e);
        }
        return new EncoderFiles(encoder.id(), model, tokenizer, encoder.pooling(), sha256(model));
    }

    private static void copyResource(String resource, Path target) throws IOException {
        var url = EncoderFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IOException("missing classpath resource " + resource);
        }
        long size = url.openConnection().getContentLengthLong();
        if (Files.isRegularFile(target) && size > 0 && Files.size(target) == size) {
            return;
        }
        // Write next to the target and move, so a concurrent reader never sees half a model.
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = url.openStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package ai.callcenter.transformer.encoder;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which sentence encoder to run and how.
 *
 * @param name       a shipped encoder id (see {@link ShippedEncoder}); used when {@code dir} is empty
 * @param dir        bring-your-own encoder: a directory with {@code model.onnx} and {@code tokenizer.json};
 *                   replaces the shipped one when set (env {@code ENCODER_DIR})
 * @param pooling    pooling of a bring-your-own encoder ({@code cls} or {@code mean}); shipped
 *                   encoders know their own
 * @param maxTokens  longer texts are truncated; attention cost grows with the square of this
 * @param batchSize  texts per forward pass when encoding many texts
 * @param threads    ONNX Runtime intra-op threads; 0 means one per available core
 * @param sideBySideMaxTexts calls with at most this many texts run the parts of a joined encoder
 *                   ({@code a+b}) at the same time, one thread each, on a second single-threaded session
 *                   per part; larger calls run the parts in turn with all threads. 0 = always in turn
 * @param extractDir where shipped models are unpacked, since ONNX Runtime loads from a file path
 * @param fetchedDir where scripts/encoders.sh puts the encoders that do not ship in a jar, one
 *                   directory per id (use-multilingual-v3); env {@code ENCODERS_DIR}
 */
@ConfigurationProperties("callcenter.transformer.encoder")
public record EncoderProperties(
        String name,
        String dir,
        Pooling pooling,
        int maxTokens,
        int batchSize,
        int threads,
        int sideBySideMaxTexts,
        String extractDir,
        String fetchedDir) {

    /** Where scripts/encoders.sh fetches to, relative to the checkout; the default of ENCODERS_DIR. */
    public static final String DEFAULT_FETCHED_DIR = "models/encoders";

    public boolean byo() {
        return dir != null && !dir.isBlank();
    }

    public EncoderProperties withName(String newName) {
        return new EncoderProperties(newName, dir, pooling, maxTokens, batchSize, threads, sideBySideMaxTexts, extractDir, fetchedDir);
    }

    public EncoderProperties withFetchedDir(String newFetchedDir) {
        return new EncoderProperties(name, dir, pooling, maxTokens, batchSize, threads, sideBySideMaxTexts, extractDir, newFetchedDir);
    }

    public EncoderProperties withDir(String newDir, Pooling newPooling) {
        return new EncoderProperties(name, newDir, newPooling, maxTokens, batchSize, threads, sideBySideMaxTexts, extractDir, fetchedDir);
    }
}

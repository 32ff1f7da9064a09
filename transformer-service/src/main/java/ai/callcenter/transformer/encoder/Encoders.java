package ai.callcenter.transformer.encoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Opens the configured encoder: a BYO directory, one named encoder (shipped in a jar, or fetched:
 * use-multilingual-v3), or named ones joined by '+'.
 */
public final class Encoders {

    public static final String JOIN = "+";

    private Encoders() {
    }

    /** The files of every part, in order. */
    public static List<EncoderFiles> resolve(EncoderProperties properties) {
        if (properties.byo()) {
            return List.of(EncoderFiles.resolve(properties));
        }
        List<EncoderFiles> files = new ArrayList<>();
        for (String id : properties.name().split("\\" + JOIN)) {
            files.add(EncoderFiles.named(id.trim(), properties));
        }
        return files;
    }

    public static SentenceEncoder open(List<EncoderFiles> files, EncoderProperties properties) {
        List<SentenceEncoder> parts = new ArrayList<>();
        boolean sideBySide = files.size() > 1 && properties.sideBySideMaxTexts() > 0;
        int threads = properties.threads() > 0 ? properties.threads() : Runtime.getRuntime().availableProcessors();
        try {
            for (EncoderFiles f : files) {
                parts.add(isUse(f)
                        ? new UseMultilingualEncoder(f.model(), f.tokenizer(), properties.maxTokens(), threads, f.modelSha256())
                        : new OnnxSentenceEncoder(f, properties, sideBySide));
            }
        } catch (RuntimeException e) {
            parts.forEach(SentenceEncoder::close);
            throw e;
        }
        return parts.size() == 1 ? parts.get(0) : new ConcatSentenceEncoder(parts, sideBySide ? properties.sideBySideMaxTexts() : 0);
    }

    private static boolean isUse(EncoderFiles files) {
        return UseMultilingualEncoder.ID.equals(files.source());
    }
}

package ai.callcenter.transformer.encoder;

import java.util.ArrayList;
import java.util.List;

/** Opens the configured encoder: a BYO directory, one shipped encoder, or shipped ones joined by '+'. */
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
            files.add(EncoderFiles.resolve(properties.withName(id.trim())));
        }
        return files;
    }

    public static SentenceEncoder open(List<EncoderFiles> files, EncoderProperties properties) {
        List<OnnxSentenceEncoder> parts = new ArrayList<>();
        boolean sideBySide = files.size() > 1 && properties.sideBySideMaxTexts() > 0;
        try {
            for (EncoderFiles f : files) {
                parts.add(new OnnxSentenceEncoder(f, properties, sideBySide));
            }
        } catch (RuntimeException e) {
            parts.forEach(OnnxSentenceEncoder::close);
            throw e;
        }
        return parts.size() == 1 ? parts.get(0) : new ConcatSentenceEncoder(parts, sideBySide ? properties.sideBySideMaxTexts() : 0);
    }
}

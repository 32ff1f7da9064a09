package ai.callcenter.transformer.encoder;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Encoders whose ONNX model and tokenizer ship as classpath resources inside langchain4j's
 * embedding jars. Only the resources are used; the inference runs through DJL.
 */
public enum ShippedEncoder {
    BGE_SMALL_EN_V15_Q("bge-small-en-v15-q", "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", Pooling.CLS),
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", Pooling.MEAN);

    private final String id;
    private final String modelResource;
    private final String tokenizerResource;
    private final Pooling pooling;

    ShippedEncoder(String id, String modelResource, String tokenizerResource, Pooling pooling) {
        this.id = id;
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
        this.pooling = pooling;
    }

    public String id() {
        return id;
    }

    public String modelResource() {
        return modelResource;
    }

    public String tokenizerResource() {
        return tokenizerResource;
    }

    public Pooling pooling() {
        return pooling;
    }

    /** Whether this encoder's jar is on the classpath. */
    public boolean available() {
        return ShippedEncoder.class.getClassLoader().getResource(modelResource) != null;
    }

    public static ShippedEncoder byId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        for (ShippedEncoder encoder : values()) {
            if (encoder.id.equals(wanted)) {
                return encoder;
            }
        }
        throw new IllegalArgumentException("unknown encoder '" + id + "'; shipped encoders are "
                + Arrays.stream(values()).map(ShippedEncoder::id).collect(Collectors.joining(", ")));
    }
}

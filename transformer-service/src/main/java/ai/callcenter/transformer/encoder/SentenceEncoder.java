package ai.callcenter.transformer.encoder;

import java.util.List;

/** Turns texts into fixed-size, L2-normalised sentence vectors. Thread-safe. */
public interface SentenceEncoder extends AutoCloseable {

    /** Vectors in input order; implementations batch internally. */
    float[][] encode(List<String> texts);

    int dimension();

    /** Identifies everything that changes the vectors: model bytes, pooling, truncation. */
    String fingerprint();

    /** The single encoders this one is made of (itself unless it concatenates several). */
    default List<SentenceEncoder> parts() {
        return List.of(this);
    }

    @Override
    void close();
}

package ai.callcenter.transformer.encoder;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Several encoders side by side: each text's vector is the concatenation of every part's unit
 * vector. Two small encoders trained on different data make different mistakes; a linear head on
 * both beats either alone (docs/transformer.md).
 */
public final class ConcatSentenceEncoder implements SentenceEncoder {

    private final List<SentenceEncoder> parts;
    private final int dimension;

    public ConcatSentenceEncoder(List<? extends SentenceEncoder> parts) {
        this.parts = List.copyOf(parts);
        this.dimension = parts.stream().mapToInt(SentenceEncoder::dimension).sum();
    }

    @Override
    public List<SentenceEncoder> parts() {
        return parts;
    }

    @Override
    public float[][] encode(List<String> texts) {
        List<float[][]> vectors = new ArrayList<>(parts.size());
        for (SentenceEncoder part : parts) {
            vectors.add(part.encode(texts));
        }
        return concat(vectors);
    }

    /** Row-wise concatenation of the parts' vectors, in part order. */
    public static float[][] concat(List<float[][]> vectors) {
        if (vectors.size() == 1) {
            return vectors.get(0);
        }
        int n = vectors.get(0).length;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            int dim = 0;
            for (float[][] v : vectors) {
                dim += v[i].length;
            }
            float[] row = new float[dim];
            int offset = 0;
            for (float[][] v : vectors) {
                System.arraycopy(v[i], 0, row, offset, v[i].length);
                offset += v[i].length;
            }
            out[i] = row;
        }
        return out;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String fingerprint() {
        return parts.stream().map(SentenceEncoder::fingerprint).collect(Collectors.joining("+"));
    }

    @Override
    public void close() {
        parts.forEach(SentenceEncoder::close);
    }
}

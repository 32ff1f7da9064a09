package ai.callcenter.transformer.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.transformer.TestSupport;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default joined encoder: side by side for small calls, in turn for batches, the same vectors either way. */
class ConcatSentenceEncoderTest {

    private static final List<String> TEXTS = List.of("I lost my card", "how do I top up my account with a bank transfer?",
            "why was I charged a fee", "the exchange rate looks wrong");

    private static SentenceEncoder inTurn;
    private static SentenceEncoder sideBySide;

    @BeforeAll
    static void load() {
        EncoderProperties props = TestSupport.encoderProperties("bge-small-en-v15-q+all-minilm-l6-v2-q");
        List<EncoderFiles> files = Encoders.resolve(props);
        inTurn = Encoders.open(files, props);
        EncoderProperties sideBySideProps = new EncoderProperties(props.name(), props.dir(), props.pooling(), props.maxTokens(),
                props.batchSize(), 2, 2, props.extractDir(), props.fetchedDir());
        sideBySide = Encoders.open(files, sideBySideProps);
    }

    @AfterAll
    static void close() {
        inTurn.close();
        sideBySide.close();
    }

    @Test
    void onlyAJoinedEncoderWithTheSettingGetsSingleThreadSessions() {
        assertThat(inTurn.parts()).allSatisfy(p -> assertThat(((OnnxSentenceEncoder) p).hasSingleThreadSession()).isFalse());
        assertThat(sideBySide.parts()).allSatisfy(p -> assertThat(((OnnxSentenceEncoder) p).hasSingleThreadSession()).isTrue());
    }

    @Test
    void sideBySideGivesTheSameVectorsAsInTurn() {
        for (List<String> call : List.of(TEXTS.subList(0, 1), TEXTS.subList(1, 3), TEXTS)) {
            float[][] a = inTurn.encode(call);
            float[][] b = sideBySide.encode(call);
            assertThat(b.length).isEqualTo(call.size());
            for (int i = 0; i < call.size(); i++) {
                assertThat(b[i]).hasSize(inTurn.dimension());
                // Each part's half is unit length, so identical vectors have a dot product of 2.
                assertThat(TestSupport.dot(a[i], b[i])).as(call.get(i)).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-3));
            }
        }
        // The small calls really ran a part on the second thread (the pool starts it on first use).
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("encoder-beside"));
    }
}

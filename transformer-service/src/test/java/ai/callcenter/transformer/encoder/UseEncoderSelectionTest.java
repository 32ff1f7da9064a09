package ai.callcenter.transformer.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.callcenter.serving.artifact.MissingArtifactException;
import ai.callcenter.transformer.TestSupport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ENCODER_NAME=use-multilingual-v3, alone or joined, and what a start without the fetched files says. */
class UseEncoderSelectionTest {

    @Test
    void missingFilesNameTheScriptThatFetchesThem(@TempDir Path empty) {
        EncoderProperties props = withFetchedDir(TestSupport.encoderProperties(UseMultilingualEncoder.ID), empty);
        assertThatThrownBy(() -> Encoders.resolve(props))
                .isInstanceOf(MissingArtifactException.class)
                .hasMessageContaining(empty.resolve(UseMultilingualEncoder.ID).resolve(UseMultilingualEncoder.WEIGHTS).toString())
                .hasMessageContaining("scripts/encoders.sh fetch use-multilingual-v3");
    }

    @Test
    void anUnknownNameListsTheFetchedEncoderToo() {
        assertThatThrownBy(() -> Encoders.resolve(TestSupport.encoderProperties("no-such-encoder")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bge-small-en-v15-q")
                .hasMessageContaining(UseMultilingualEncoder.ID);
    }

    @Test
    void joinedWithAShippedEncoderTheVectorsAreConcatenated() {
        Path root = FetchedUsem.dir().getParent();
        EncoderProperties props = withFetchedDir(
                TestSupport.encoderProperties(UseMultilingualEncoder.ID + Encoders.JOIN + "all-minilm-l6-v2-q"), root);
        List<EncoderFiles> files = Encoders.resolve(props);
        assertThat(files).extracting(EncoderFiles::source).containsExactly(UseMultilingualEncoder.ID, "all-minilm-l6-v2-q");
        assertThat(files.get(0).pooling()).isEqualTo(Pooling.MODEL);
        try (SentenceEncoder joined = Encoders.open(files, props);
             SentenceEncoder alone = Encoders.open(List.of(files.get(0)), props)) {
            float[][] both = joined.encode(List.of("Wo ist meine Karte?"));
            float[] use = alone.encode(List.of("Wo ist meine Karte?"))[0];
            assertThat(joined.dimension()).isEqualTo(512 + 384);
            assertThat(both[0]).startsWith(use);
        }
    }

    @Test
    void sideBySideGivesTheSameVectorsAsInTurn() {
        Path root = FetchedUsem.dir().getParent();
        EncoderProperties inTurn = withFetchedDir(
                TestSupport.encoderProperties(UseMultilingualEncoder.ID + Encoders.JOIN + "all-minilm-l6-v2-q"), root);
        EncoderProperties sideBySide = new EncoderProperties(inTurn.name(), inTurn.dir(), inTurn.pooling(),
                inTurn.maxTokens(), inTurn.batchSize(), 2, 2, inTurn.extractDir(), inTurn.fetchedDir());
        List<String> texts = List.of("Où est ma carte ?", "My card has not arrived yet");
        try (SentenceEncoder a = Encoders.open(Encoders.resolve(inTurn), inTurn);
             SentenceEncoder b = Encoders.open(Encoders.resolve(sideBySide), sideBySide)) {
            float[][] expected = a.encode(texts);
            float[][] got = b.encode(texts);
            for (int i = 0; i < texts.size(); i++) {
                for (int d = 0; d < expected[i].length; d++) {
                    assertThat(got[i][d]).isCloseTo(expected[i][d], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }

    private static EncoderProperties withFetchedDir(EncoderProperties p, Path dir) {
        return new EncoderProperties(p.name(), p.dir(), p.pooling(), p.maxTokens(), p.batchSize(), p.threads(),
                p.sideBySideMaxTexts(), p.extractDir(), dir.toString());
    }
}

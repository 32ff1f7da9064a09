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

    private static EncoderProperties withFetchedDir(EncoderProperties p, Path dir) {
        return new EncoderProperties(p.name(), p.dir(), p.pooling(), p.maxTokens(), p.batchSize(), p.threads(),
                p.sideBySideMaxTexts(), p.extractDir(), dir.toString());
    }
}

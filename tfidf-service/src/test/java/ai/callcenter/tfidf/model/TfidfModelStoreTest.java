package ai.callcenter.tfidf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.ModelLoadException;
import ai.callcenter.ml.model.Prediction;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.tfidf.TestModels;
import ai.callcenter.tfidf.training.TfidfTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfidfModelStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedModelLoadsBackWithIdenticalPredictions() {
        TfidfModel trained = new TfidfTrainer(TestModels.quickTraining())
                .train(TestModels.tinyTickets(), new TrainingContext(42, "a".repeat(64), Progress.silent()));
        TfidfModelStore.save(trained, dir);
        TfidfModel loaded = TfidfModelStore.load(dir);

        // Records written as JSON come back as maps, so compare the JSON forms.
        assertThat(ModelFiles.json().valueToTree(loaded.metadata()).toString()).isEqualTo(ModelFiles.json().valueToTree(trained.metadata()).toString());
        for (String text : List.of("printer jammed", "reset password please", "payslip question", "something unrelated")) {
            assertThat(loaded.predictProbabilities(text)).containsExactly(trained.predictProbabilities(text));
        }
        assertThat(loaded.labels()).containsExactly("access", "hardware", "hr");
        assertThat(loaded.labels().get(argMax(loaded.predictProbabilities("my printer is jammed")))).isEqualTo("hardware");
        assertThat(loaded.version()).startsWith("tfidf-").endsWith("-aaaaaaaa");
    }

    @Test
    void refusesMissingCorruptOrForeignModels() throws IOException {
        assertThatThrownBy(() -> TfidfModelStore.load(dir)).isInstanceOf(ModelLoadException.class).hasMessageContaining("metadata.json");

        TfidfModel trained = new TfidfTrainer(TestModels.quickTraining())
                .train(TestModels.tinyTickets(), new TrainingContext(42, "b".repeat(64), Progress.silent()));
        TfidfModelStore.save(trained, dir);
        Files.write(dir.resolve(TfidfModelStore.WEIGHTS), new byte[] {0, 0, 0, 1});
        assertThatThrownBy(() -> TfidfModelStore.load(dir)).isInstanceOf(ModelLoadException.class);

        TfidfModelStore.save(trained, dir);
        String metadata = Files.readString(dir.resolve("metadata.json"));
        Files.writeString(dir.resolve("metadata.json"), metadata.replace("\"minDf\"", "\"renamedMinDf\""));
        assertThatThrownBy(() -> TfidfModelStore.load(dir)).isInstanceOf(ModelLoadException.class);

        Files.writeString(dir.resolve("metadata.json"), metadata.replace("\"tfidf\"", "\"transformer\""));
        assertThatThrownBy(() -> TfidfModelStore.load(dir)).hasMessageContaining("not tfidf");
    }

    private static int argMax(double[] p) {
        return ai.callcenter.ml.model.Prediction.argMax(p);
    }
}

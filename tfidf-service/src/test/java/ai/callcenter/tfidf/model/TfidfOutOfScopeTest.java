package ai.callcenter.tfidf.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.api.BatchPredictRequest;
import ai.callcenter.api.BatchPredictResponse;
import ai.callcenter.api.ClassifierResponse;
import ai.callcenter.api.PredictRequest;
import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.oos.ScopeModel;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.serving.cache.InMemoryResultCache;
import ai.callcenter.serving.classifier.LoadedModel;
import ai.callcenter.serving.classifier.PredictionMetrics;
import ai.callcenter.serving.classifier.PredictionService;
import ai.callcenter.serving.classifier.ServingProperties;
import ai.callcenter.tfidf.TestModels;
import ai.callcenter.tfidf.training.TfidfTrainer;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trained tfidf model carries its detector to disk and into every answer; an old directory still serves. */
class TfidfOutOfScopeTest {

    static PredictionService service(TfidfModel model) {
        return new PredictionService(LoadedModel.of(model), new InMemoryResultCache<>(100, Duration.ofMinutes(1)),
                new PredictionMetrics(new SimpleMeterRegistry(), "tfidf", "memory"), new ServingProperties(1000, 10, 3), "t:");
    }

    @Test
    void answersCarryTheVerdictAndOldDirectoriesStillLoad(@TempDir Path dir) throws Exception {
        TfidfModel trained = new TfidfTrainer(TestModels.quickTraining())
                .train(TestModels.tinyTickets(), new TrainingContext(42, "d".repeat(64), Progress.silent()));
        TfidfModelStore.save(trained, dir);
        assertThat(dir.resolve(ScopeModel.FILE)).exists();
        assertThat(ModelFiles.readMetadata(dir).params()).containsEntry("oos_method", TestModels.productionSearch().oos().method());

        PredictionService served = service(TfidfModelStore.load(dir));
        ClassifierResponse inScope = served.predict(new PredictRequest("printer 3 is jammed again", "a"));
        ClassifierResponse unlike = served.predict(new PredictRequest("zebra quantum volcano symphony", "b"));
        assertThat(inScope.category()).isEqualTo("hardware");
        assertThat(inScope.outOfScope()).isFalse();
        assertThat(unlike.outOfScope()).isTrue();
        assertThat(unlike.oosScore()).isGreaterThan(inScope.oosScore());
        // the category stays the best guess
        assertThat(unlike.category()).isIn("hardware", "access", "hr");

        BatchPredictResponse batch = served.predictBatch(new BatchPredictRequest(List.of(
                new PredictRequest("printer 3 is jammed again", "a"), new PredictRequest("zebra quantum volcano symphony", "b"))));
        assertThat(batch.items()).extracting(ClassifierResponse::outOfScope).containsExactly(false, true);
        JsonNode json = ModelFiles.json().valueToTree(batch.items().get(1));
        assertThat(json.get("out_of_scope").asBoolean()).isTrue();
        assertThat(json.get("oos_score").isNumber()).isTrue();

        Files.delete(dir.resolve(ScopeModel.FILE));
        ClassifierResponse old = service(TfidfModelStore.load(dir)).predict(new PredictRequest("zebra quantum volcano symphony", "c"));
        assertThat(old.outOfScope()).isFalse();
        assertThat(old.oosScore()).isNull();
        JsonNode oldJson = ModelFiles.json().valueToTree(old);
        assertThat(oldJson.has("oos_score")).isTrue();
        assertThat(oldJson.get("oos_score").isNull()).isTrue();
    }
}

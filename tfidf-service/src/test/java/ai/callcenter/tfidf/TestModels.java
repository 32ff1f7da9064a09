package ai.callcenter.tfidf;

import ai.callcenter.tfidf.features.FeatureParams;
import ai.callcenter.tfidf.training.TfidfTrainingProperties;
import de.bwaldvogel.liblinear.SolverType;
import java.util.List;

/** Training settings for tests: the production recipe, with a smaller search where speed matters. */
public final class TestModels {

    public static final FeatureParams FEATURES = new FeatureParams(1, 2, 2, 5, 2, 250_000, true, 1.0);

    private TestModels() {
    }

    public static TfidfTrainingProperties quickTraining() {
        return new TfidfTrainingProperties(FEATURES, 0.15, List.of(0.3, 1.0), List.of(SolverType.MCSVM_CS), 0.1);
    }
}

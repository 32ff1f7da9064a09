package ai.callcenter.tfidf.training;

import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.model.ModelType;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.tfidf.model.TfidfModel;
import ai.callcenter.tfidf.model.TfidfModelStore;
import java.nio.file.Path;
import java.util.List;

/** The {@code tfidf} model type: trained by {@link TfidfTrainer}, stored and loaded by {@link TfidfModelStore}. */
public final class TfidfModelType implements ModelType {

    public static final String NAME = TfidfModel.TYPE;

    private final TfidfTrainingProperties training;

    public TfidfModelType(TfidfTrainingProperties training) {
        this.training = training;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TextClassifier train(List<LabeledText> train, TrainingContext context, Path modelDir) {
        TfidfModel model = new TfidfTrainer(training).train(train, context);
        TfidfModelStore.save(model, modelDir);
        return model;
    }

    @Override
    public TextClassifier load(Path modelDir) {
        return TfidfModelStore.load(modelDir);
    }
}

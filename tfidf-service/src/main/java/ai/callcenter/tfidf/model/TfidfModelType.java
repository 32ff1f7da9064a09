package ai.callcenter.tfidf.model;

import ai.callcenter.common.dataset.LabeledText;
import ai.callcenter.common.model.ModelType;
import ai.callcenter.common.model.TextClassifier;
import ai.callcenter.common.model.TrainingContext;
import ai.callcenter.tfidf.training.TfidfTrainer;
import ai.callcenter.tfidf.training.TfidfTrainingProperties;
import java.nio.file.Path;
import java.util.List;

public final class TfidfModelType implements ModelType {

    private final TfidfTrainingProperties training;

    public TfidfModelType(TfidfTrainingProperties training) {
        this.training = training;
    }

    @Override
    public String name() {
        return TfidfTrainer.MODEL_TYPE;
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

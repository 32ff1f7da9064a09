package ai.callcenter.ml.model;

import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.training.TrainingContext;
import java.nio.file.Path;
import java.util.List;

/**
 * One kind of model (tfidf, transformer): how to train it into a directory and load it back. The
 * shared command line and HTTP layer only talk to this.
 */
public interface ModelType {

    /** The value of {@code --model} and of {@code model_type} in metadata.json. */
    String name();

    /**
     * Trains on {@code train} (the model may carve its own validation split out of it, never out of
     * test data), writes the artifact to {@code modelDir} and returns it loaded.
     */
    TextClassifier train(List<LabeledText> train, TrainingContext context, Path modelDir);

    TextClassifier load(Path modelDir);
}

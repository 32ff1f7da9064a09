package ai.callcenter.serving.classifier;

import ai.callcenter.ml.model.TextClassifier;
import java.nio.file.Path;

/** Each classifier service provides one: how a model directory becomes a classifier. */
@FunctionalInterface
public interface ClassifierLoader {
    TextClassifier load(Path modelDir);
}

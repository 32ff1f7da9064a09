package ai.callcenter.serving.classifier;

import ai.callcenter.ml.model.TextClassifier;

/** Each classifier service provides one: how to load its model at start-up. */
@FunctionalInterface
public interface ClassifierLoader {
    TextClassifier load();
}

package ai.callcenter.common.serving;

import ai.callcenter.common.model.TextClassifier;

/** Each classifier service provides one: how to load its model at start-up. */
@FunctionalInterface
public interface ClassifierLoader {
    TextClassifier load();
}

package ai.callcenter.serving.classifier;

import ai.callcenter.ml.model.TextClassifier;

/** The model one request uses from start to end, even when a newer version takes over meanwhile. */
public final class ModelLease implements AutoCloseable {

    private final ServedClassifier served;

    ModelLease(ServedClassifier served) {
        this.served = served;
    }

    public TextClassifier model() {
        return served.model();
    }

    @Override
    public void close() {
        served.release();
    }
}

package ai.callcenter.serving.classifier;

import ai.callcenter.ml.model.TextClassifier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded model and the requests using it. A model replaced by a newer version is retired: it
 * takes no new requests and releases its resources (the transformer's ONNX sessions and batch
 * thread) when the last request holding it finishes, so no request sees a closed model.
 */
final class ServedClassifier {

    private static final Logger log = LoggerFactory.getLogger(ServedClassifier.class);

    private final TextClassifier model;
    private final AtomicInteger users = new AtomicInteger();
    private final AtomicBoolean retired = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    ServedClassifier(TextClassifier model) {
        this.model = model;
    }

    TextClassifier model() {
        return model;
    }

    /** Counts one more user unless the model is retired. */
    boolean tryAcquire() {
        users.incrementAndGet();
        if (retired.get()) {
            release();
            return false;
        }
        return true;
    }

    void release() {
        if (users.decrementAndGet() == 0 && retired.get()) {
            closeOnce();
        }
    }

    void retire() {
        retired.set(true);
        if (users.get() == 0) {
            closeOnce();
        }
    }

    private void closeOnce() {
        if (closed.compareAndSet(false, true) && model instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("retired model {} did not close cleanly: {}", model.version(), e.getMessage());
            }
        }
    }
}

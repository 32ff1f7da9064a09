package ai.callcenter.transformer.batching;

import ai.callcenter.ml.model.Classified;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.oos.ScopeModel;
import ai.callcenter.ml.model.TextClassifier;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/** Sends every prediction through a {@link MicroBatcher}, so concurrent requests share encoder calls. */
public final class BatchingClassifier implements TextClassifier, AutoCloseable {

    private final TextClassifier delegate;
    private final MicroBatcher<Classified> batcher;

    public BatchingClassifier(TextClassifier delegate, BatchingProperties properties, IntConsumer batchSizes) {
        this.delegate = delegate;
        this.batcher = new MicroBatcher<>(delegate::classify, properties, batchSizes);
    }

    @Override
    public ModelMetadata metadata() {
        return delegate.metadata();
    }

    @Override
    public double[] predictProbabilities(String text) {
        return batcher.submit(List.of(text)).get(0).probabilities();
    }

    @Override
    public List<double[]> predictProbabilities(List<String> texts) {
        return batcher.submit(texts).stream().map(Classified::probabilities).toList();
    }

    @Override
    public List<Classified> classify(List<String> texts) {
        return batcher.submit(texts);
    }

    @Override
    public Optional<ScopeModel> scope() {
        return delegate.scope();
    }

    @Override
    public String normalizeForCache(String text) {
        return delegate.normalizeForCache(text);
    }

    @Override
    public void close() throws Exception {
        batcher.close();
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}

package ai.callcenter.transformer.batching;

import ai.callcenter.ml.model.Classified;
import ai.callcenter.ml.model.CrossLingual;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.oos.ScopeModel;
import ai.callcenter.transformer.model.CrossLingualClassifier;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Sends every prediction through a {@link MicroBatcher}, so concurrent requests share encoder calls.
 * A model with a cross-lingual head gets a second batcher: a batch runs through one encoder.
 */
public final class BatchingClassifier implements TextClassifier, AutoCloseable {

    private final TextClassifier delegate;
    private final MicroBatcher<Classified> batcher;
    private final MicroBatcher<Classified> crossLingualBatcher;

    public BatchingClassifier(TextClassifier delegate, BatchingProperties properties, IntConsumer batchSizes) {
        this.delegate = delegate;
        this.batcher = new MicroBatcher<>(delegate::classify, properties, batchSizes);
        this.crossLingualBatcher = delegate instanceof CrossLingualClassifier twoHeads
                ? new MicroBatcher<>(twoHeads::classifyCrossLingual, properties, batchSizes)
                : null;
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
    public List<Classified> classify(List<String> texts, List<String> languages) {
        if (crossLingualBatcher == null) {
            return classify(texts);
        }
        return CrossLingualClassifier.byHead(texts, languages, delegate::headFor, batcher::submit, crossLingualBatcher::submit);
    }

    @Override
    public String headFor(String language) {
        return delegate.headFor(language);
    }

    @Override
    public Optional<CrossLingual> crossLingual() {
        return delegate.crossLingual();
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
        if (crossLingualBatcher != null) {
            crossLingualBatcher.close();
        }
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}

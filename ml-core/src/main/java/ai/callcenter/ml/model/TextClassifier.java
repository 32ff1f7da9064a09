package ai.callcenter.ml.model;

import ai.callcenter.ml.oos.ScopeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** A trained, loaded model that turns ticket text into calibrated class probabilities. */
public interface TextClassifier {

    ModelMetadata metadata();

    /** Class names; probability arrays are indexed in this order. */
    default List<String> labels() {
        return metadata().labels();
    }

    default String version() {
        return metadata().version();
    }

    /** Calibrated probabilities, one per label, summing to 1. Must be thread-safe. */
    double[] predictProbabilities(String text);

    /** Models that gain from real batches (the transformer) override this. */
    default List<double[]> predictProbabilities(List<String> texts) {
        List<double[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(predictProbabilities(text));
        }
        return out;
    }

    /**
     * Probabilities plus the out-of-scope verdict, for models whose directory holds a detector.
     * Models with one override this; the default (and a model directory without {@code oos.json})
     * gives no verdict.
     */
    default List<Classified> classify(List<String> texts) {
        return predictProbabilities(texts).stream().map(Classified::withoutScope).toList();
    }

    /**
     * As {@link #classify(List)} for texts whose language the caller knows: one ISO 639-1 code (or
     * null, unknown) per text. A model with a head for other languages ({@link #crossLingual()})
     * answers a text in a language it was not trained on with that head.
     */
    default List<Classified> classify(List<String> texts, List<String> languages) {
        return classify(texts);
    }

    /** The head that answers a text in {@code language} (null: the main one); part of the cache key. */
    default String headFor(String language) {
        return null;
    }

    /** The second head for languages the training texts are not in, when the model has one. */
    default Optional<CrossLingual> crossLingual() {
        return Optional.empty();
    }

    /** The fitted out-of-scope detectors, when the model directory holds them. */
    default Optional<ScopeModel> scope() {
        return Optional.empty();
    }

    /** Share of the text's words unknown to the model, for models with a vocabulary. */
    default OptionalDouble outOfVocabularyRate(String text) {
        return OptionalDouble.empty();
    }

    /**
     * The form of the text that fully decides the model's answer; two texts with the same form share
     * a cache entry. The default keeps case, since a cased model may care about it.
     */
    default String normalizeForCache(String text) {
        return TextNormalization.collapseWhitespace(text);
    }
}

package ai.callcenter.tfidf.model;

import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.tfidf.features.TextAnalyzer;
import ai.callcenter.tfidf.features.TfidfVectorizer;
import java.util.OptionalDouble;

/** A fitted vectorizer and linear model: the whole tfidf classifier. Immutable and thread-safe. */
public final class TfidfModel implements TextClassifier {

    /** {@code model_type} of a tfidf model directory, and the {@code --model} name that trains one. */
    public static final String TYPE = "tfidf";

    private final TfidfVectorizer vectorizer;
    private final LinearModel linear;
    private final ModelMetadata metadata;

    public TfidfModel(TfidfVectorizer vectorizer, LinearModel linear, ModelMetadata metadata) {
        if (linear.classes() != metadata.labels().size()) {
            throw new IllegalArgumentException("model has " + linear.classes() + " classes but " + metadata.labels().size() + " labels");
        }
        this.vectorizer = vectorizer;
        this.linear = linear;
        this.metadata = metadata;
    }

    public TfidfVectorizer vectorizer() {
        return vectorizer;
    }

    public LinearModel linear() {
        return linear;
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    public TfidfModel withMetadata(ModelMetadata newMetadata) {
        return new TfidfModel(vectorizer, linear, newMetadata);
    }

    @Override
    public double[] predictProbabilities(String text) {
        return linear.probabilities(vectorizer.transform(text));
    }

    @Override
    public OptionalDouble outOfVocabularyRate(String text) {
        return OptionalDouble.of(vectorizer.outOfVocabularyRate(text));
    }

    /** The vectorizer lower-cases and tokenises, so case and punctuation spacing never change the answer. */
    @Override
    public String normalizeForCache(String text) {
        return String.join(" ", TextAnalyzer.words(text));
    }
}

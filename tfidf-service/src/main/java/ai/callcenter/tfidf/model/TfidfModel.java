package ai.callcenter.tfidf.model;

import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.tfidf.features.TextAnalyzer;
import ai.callcenter.tfidf.features.TfidfVectorizer;
import ai.callcenter.ml.calibration.TemperatureScaling;
import ai.callcenter.ml.model.Classified;
import ai.callcenter.ml.oos.OosInput;
import ai.callcenter.ml.oos.ScopeModel;
import ai.callcenter.tfidf.features.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A fitted vectorizer and linear model, and the out-of-scope detector when the directory holds one:
 * the whole tfidf classifier. Immutable and thread-safe.
 */
public final class TfidfModel implements TextClassifier {

    /** {@code model_type} of a tfidf model directory, and the {@code --model} name that trains one. */
    public static final String TYPE = "tfidf";

    private final TfidfVectorizer vectorizer;
    private final LinearModel linear;
    private final ModelMetadata metadata;
    private final ScopeModel scope;

    public TfidfModel(TfidfVectorizer vectorizer, LinearModel linear, ModelMetadata metadata) {
        this(vectorizer, linear, metadata, null);
    }

    /** @param scope the fitted out-of-scope detectors; null for a model without them */
    public TfidfModel(TfidfVectorizer vectorizer, LinearModel linear, ModelMetadata metadata, ScopeModel scope) {
        if (linear.classes() != metadata.labels().size()) {
            throw new IllegalArgumentException("model has " + linear.classes() + " classes but " + metadata.labels().size() + " labels");
        }
        this.vectorizer = vectorizer;
        this.linear = linear;
        this.metadata = metadata;
        this.scope = scope;
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
        return new TfidfModel(vectorizer, linear, newMetadata, scope);
    }

    @Override
    public Optional<ScopeModel> scope() {
        return Optional.ofNullable(scope);
    }

    /** What the detectors read: raw scores, temperature and the OOV rate. */
    public OosInput oosInput(String text, SparseVector x) {
        return new OosInput(linear.scores(x), linear.temperature(), null, vectorizer.outOfVocabularyRate(text));
    }

    @Override
    public List<Classified> classify(List<String> texts) {
        List<Classified> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            SparseVector x = vectorizer.transform(text);
            if (scope == null) {
                out.add(Classified.withoutScope(linear.probabilities(x)));
            } else {
                OosInput input = oosInput(text, x);
                out.add(new Classified(TemperatureScaling.softmax(input.scores(), input.temperature()), scope.judge(input), input));
            }
        }
        return out;
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

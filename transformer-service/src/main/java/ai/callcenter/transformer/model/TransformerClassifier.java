package ai.callcenter.transformer.model;

import ai.callcenter.ml.calibration.TemperatureScaling;
import ai.callcenter.ml.model.Classified;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.model.TextNormalization;
import ai.callcenter.ml.oos.OosInput;
import ai.callcenter.ml.oos.ScopeModel;
import ai.callcenter.transformer.encoder.SentenceEncoder;
import ai.callcenter.transformer.head.ClassificationHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Frozen sentence encoder + trained head + temperature: calibrated probabilities for ticket texts,
 * and the out-of-scope verdict when the model directory holds a detector.
 */
public final class TransformerClassifier implements TextClassifier, AutoCloseable {

    private final ModelMetadata metadata;
    private final SentenceEncoder encoder;
    private final ClassificationHead head;
    private final double temperature;
    private final ScopeModel scope;

    /** @param scope the fitted out-of-scope detectors; null for a model trained without them */
    public TransformerClassifier(ModelMetadata metadata, SentenceEncoder encoder, ClassificationHead head,
                                 double temperature, ScopeModel scope) {
        this.metadata = metadata;
        this.encoder = encoder;
        this.head = head;
        this.temperature = temperature;
        this.scope = scope;
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public double[] predictProbabilities(String text) {
        return predictProbabilities(List.of(text)).get(0);
    }

    /** The whole list goes through the encoder in real tensor batches. */
    @Override
    public List<double[]> predictProbabilities(List<String> texts) {
        return classify(texts).stream().map(Classified::probabilities).toList();
    }

    @Override
    public List<Classified> classify(List<String> texts) {
        float[][] vectors = encoder.encode(texts.stream().map(TransformerClassifier::prepare).toList());
        List<Classified> out = new ArrayList<>(vectors.length);
        for (float[] v : vectors) {
            double[] scores = head.scores(v);
            double[] p = TemperatureScaling.softmax(scores, temperature);
            if (scope == null) {
                out.add(Classified.withoutScope(p));
            } else {
                OosInput input = new OosInput(scores, temperature, v, null);
                out.add(new Classified(p, scope.judge(input), input));
            }
        }
        return out;
    }

    @Override
    public Optional<ScopeModel> scope() {
        return Optional.ofNullable(scope);
    }

    /** Training and serving feed the encoder the same form of a text. */
    static String prepare(String text) {
        return TextNormalization.collapseWhitespace(text);
    }

    public SentenceEncoder encoder() {
        return encoder;
    }

    public double temperature() {
        return temperature;
    }

    @Override
    public void close() {
        encoder.close();
    }
}

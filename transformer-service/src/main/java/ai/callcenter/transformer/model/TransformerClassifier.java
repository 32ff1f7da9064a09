package ai.callcenter.transformer.model;

import ai.callcenter.ml.calibration.TemperatureScaling;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.model.TextNormalization;
import ai.callcenter.transformer.encoder.SentenceEncoder;
import ai.callcenter.transformer.head.ClassificationHead;
import java.util.ArrayList;
import java.util.List;

/** Frozen sentence encoder + trained head + temperature: calibrated probabilities for ticket texts. */
public final class TransformerClassifier implements TextClassifier, AutoCloseable {

    private final ModelMetadata metadata;
    private final SentenceEncoder encoder;
    private final ClassificationHead head;
    private final double temperature;

    public TransformerClassifier(ModelMetadata metadata, SentenceEncoder encoder, ClassificationHead head,
                                 double temperature) {
        this.metadata = metadata;
        this.encoder = encoder;
        this.head = head;
        this.temperature = temperature;
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
        float[][] vectors = encoder.encode(texts.stream().map(TransformerClassifier::prepare).toList());
        List<double[]> out = new ArrayList<>(vectors.length);
        for (float[] v : vectors) {
            out.add(TemperatureScaling.softmax(head.scores(v), temperature));
        }
        return out;
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

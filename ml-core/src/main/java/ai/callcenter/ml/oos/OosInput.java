package ai.callcenter.ml.oos;

/**
 * What a classifier knows about one text that can tell whether it belongs to any of its classes.
 *
 * @param scores      raw class scores (margins or logits), before the temperature
 * @param temperature the classifier's fitted softmax temperature
 * @param embedding   the encoder's sentence vector; null for models without one (tfidf)
 * @param oovRate     share of the text's words the vocabulary has never seen; null for models without one
 */
public record OosInput(double[] scores, double temperature, float[] embedding, Double oovRate) {
}

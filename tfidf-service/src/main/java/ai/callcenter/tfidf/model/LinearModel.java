package ai.callcenter.tfidf.model;

import ai.callcenter.ml.calibration.TemperatureScaling;
import ai.callcenter.tfidf.features.SparseVector;

/**
 * One weight per (feature, class), stored feature-major so that a sparse input touches contiguous
 * memory, plus a bias row. Scores go through a fitted softmax temperature to become probabilities.
 *
 * @param weights     {@code (features + 1) * classes} values; the last row is the bias (all zeros
 *                    from LiblinearFit, which fits no intercept)
 * @param temperature divides scores before the softmax; fitted on validation data
 */
public record LinearModel(int features, int classes, float[] weights, double temperature) {

    public LinearModel {
        if (weights.length != (features + 1) * classes) {
            throw new IllegalArgumentException("expected " + (features + 1) * classes + " weights, got " + weights.length);
        }
    }

    public LinearModel withTemperature(double newTemperature) {
        return new LinearModel(features, classes, weights, newTemperature);
    }

    public double[] scores(SparseVector x) {
        double[] scores = new double[classes];
        int biasRow = features * classes;
        for (int c = 0; c < classes; c++) {
            scores[c] = weights[biasRow + c];
        }
        int[] indices = x.indices();
        float[] values = x.values();
        for (int i = 0; i < indices.length; i++) {
            int row = indices[i] * classes;
            float value = values[i];
            for (int c = 0; c < classes; c++) {
                scores[c] += value * weights[row + c];
            }
        }
        return scores;
    }

    public double[] probabilities(SparseVector x) {
        return TemperatureScaling.softmax(scores(x), temperature);
    }
}

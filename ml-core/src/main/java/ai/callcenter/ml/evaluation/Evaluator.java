package ai.callcenter.ml.evaluation;

import ai.callcenter.ml.calibration.TemperatureScaling;
import ai.callcenter.ml.model.Prediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes a {@link ClassificationReport} from predictions on held-out data. */
public final class Evaluator {

    /** Equal-width confidence bins for expected calibration error, the usual choice in the literature. */
    public static final int ECE_BINS = 15;

    public static final double[] COVERAGE_THRESHOLDS = {0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99};

    private Evaluator() {
    }

    /**
     * @param labels     class names; indices in the other arrays point into this list
     * @param truth      true class index per example
     * @param predicted  predicted class index per example
     * @param confidence probability the model gave to its prediction
     */
    public static ClassificationReport evaluate(List<String> labels, int[] truth, int[] predicted, double[] confidence) {
        int n = truth.length;
        if (predicted.length != n || confidence.length != n) {
            throw new IllegalArgumentException("truth, predicted and confidence must have the same length");
        }
        if (n == 0) {
            throw new IllegalArgumentException("cannot evaluate on zero examples");
        }
        int k = labels.size();
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            confusion[truth[i]][predicted[i]]++;
            if (truth[i] == predicted[i]) {
                correct++;
            }
        }
        Map<String, ClassMetrics> perClass = new LinkedHashMap<>();
        double macroF1 = 0;
        double weightedF1 = 0;
        int classesPresent = 0;
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int support = 0;
            int predictedAs = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                predictedAs += confusion[j][c];
            }
            double precision = predictedAs == 0 ? 0 : (double) tp / predictedAs;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.put(labels.get(c), new ClassMetrics(precision, recall, f1, support));
            // Like scikit-learn with labels taken from the data: a class absent from both truth and
            // predictions does not drag the macro average down.
            if (support > 0 || predictedAs > 0) {
                macroF1 += f1;
                classesPresent++;
            }
            weightedF1 += f1 * support;
        }
        List<CalibrationBin> reliability = reliability(truth, predicted, confidence);
        return new ClassificationReport(
                n,
                (double) correct / n,
                classesPresent == 0 ? 0 : macroF1 / classesPresent,
                weightedF1 / n,
                expectedCalibrationError(reliability, n),
                perClass,
                coverageCurve(truth, predicted, confidence),
                new ClassificationReport.ConfusionMatrix(List.copyOf(labels), confusion),
                reliability);
    }

    /** Scores a model from raw class scores (margins or logits) turned into probabilities at {@code temperature}. */
    public static ClassificationReport evaluateScores(List<String> labels, double[][] scores, int[] truth, double temperature) {
        int[] predicted = new int[truth.length];
        double[] confidence = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            double[] p = TemperatureScaling.softmax(scores[i], temperature);
            predicted[i] = Prediction.argMax(p);
            confidence[i] = p[predicted[i]];
        }
        return evaluate(labels, truth, predicted, confidence);
    }

    public static double expectedCalibrationError(int[] truth, int[] predicted, double[] confidence) {
        return expectedCalibrationError(reliability(truth, predicted, confidence), truth.length);
    }

    /** The count-weighted gap between accuracy and mean confidence over the bins. */
    static double expectedCalibrationError(List<CalibrationBin> bins, int n) {
        double ece = 0;
        for (CalibrationBin bin : bins) {
            if (bin.count() > 0) {
                ece += Math.abs(bin.accuracy() - bin.meanConfidence()) * bin.count() / n;
            }
        }
        return ece;
    }

    /** {@link #ECE_BINS} equal-width confidence bins; an empty bin has mean confidence and accuracy NaN. */
    public static List<CalibrationBin> reliability(int[] truth, int[] predicted, double[] confidence) {
        double[] confidenceSum = new double[ECE_BINS];
        int[] correctCount = new int[ECE_BINS];
        int[] count = new int[ECE_BINS];
        for (int i = 0; i < truth.length; i++) {
            int bin = Math.min(ECE_BINS - 1, (int) (confidence[i] * ECE_BINS));
            count[bin]++;
            confidenceSum[bin] += confidence[i];
            if (truth[i] == predicted[i]) {
                correctCount[bin]++;
            }
        }
        List<CalibrationBin> bins = new ArrayList<>(ECE_BINS);
        for (int b = 0; b < ECE_BINS; b++) {
            bins.add(new CalibrationBin((double) b / ECE_BINS, (double) (b + 1) / ECE_BINS, count[b],
                    count[b] == 0 ? Double.NaN : confidenceSum[b] / count[b],
                    count[b] == 0 ? Double.NaN : (double) correctCount[b] / count[b]));
        }
        return bins;
    }

    public static List<CoveragePoint> coverageCurve(int[] truth, int[] predicted, double[] confidence) {
        List<CoveragePoint> curve = new ArrayList<>();
        for (double threshold : COVERAGE_THRESHOLDS) {
            int kept = 0;
            int keptCorrect = 0;
            for (int i = 0; i < truth.length; i++) {
                if (confidence[i] >= threshold) {
                    kept++;
                    if (truth[i] == predicted[i]) {
                        keptCorrect++;
                    }
                }
            }
            curve.add(new CoveragePoint(threshold, (double) kept / truth.length,
                    kept == 0 ? Double.NaN : (double) keptCorrect / kept));
        }
        return curve;
    }
}

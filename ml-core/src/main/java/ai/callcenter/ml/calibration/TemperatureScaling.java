package ai.callcenter.ml.calibration;

/**
 * Temperature scaling (Guo et al., 2017): one scalar T fitted on held-out scores so that
 * softmax(scores / T) minimises negative log-likelihood. It turns raw SVM margins or logits into
 * probabilities that mean what they say, without changing which class wins.
 */
public final class TemperatureScaling {

    private static final double MIN_LOG_T = Math.log(1e-3);
    private static final double MAX_LOG_T = Math.log(1e3);
    private static final int SEARCH_STEPS = 100;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private TemperatureScaling() {
    }

    /** Fits T by golden-section search on log T; NLL is convex in 1/T, so the search is safe. */
    public static double fit(double[][] scores, int[] truth) {
        double lo = MIN_LOG_T;
        double hi = MAX_LOG_T;
        double a = hi - GOLDEN * (hi - lo);
        double b = lo + GOLDEN * (hi - lo);
        double fa = negativeLogLikelihood(scores, truth, Math.exp(a));
        double fb = negativeLogLikelihood(scores, truth, Math.exp(b));
        for (int step = 0; step < SEARCH_STEPS; step++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - GOLDEN * (hi - lo);
                fa = negativeLogLikelihood(scores, truth, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + GOLDEN * (hi - lo);
                fb = negativeLogLikelihood(scores, truth, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    public static double negativeLogLikelihood(double[][] scores, int[] truth, double temperature) {
        double total = 0;
        for (int i = 0; i < scores.length; i++) {
            double[] p = softmax(scores[i], temperature);
            total -= Math.log(Math.max(p[truth[i]], 1e-12));
        }
        return total / scores.length;
    }

    public static double[] softmax(double[] scores, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            p[i] = Math.exp((scores[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}

package ai.callcenter.ml.oos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One fitted out-of-scope detector. Its score is in standard deviations above the mean score of
 * in-scope validation tickets (so 0 is a typical in-scope ticket, and every method's score reads the
 * same way); a ticket is out of scope above {@code threshold}, the keep-rate quantile of those
 * validation scores.
 *
 * @param method     signal ids joined by '+'
 * @param components each signal with the in-scope validation mean and standard deviation that standardise it
 * @param mean       mean of the summed component scores on validation
 * @param sd         their standard deviation
 * @param threshold  standardised score above which a ticket is out of scope
 */
public record OosDetector(String method, List<Component> components, double mean, double sd, double threshold) {

    /** A signal and the statistics of its in-scope validation values. */
    public record Component(String signal, double mean, double sd) {
    }

    public static final String JOIN = "+";

    public OosDetector {
        components = List.copyOf(components);
    }

    public static List<Signal> signals(String method) {
        return Arrays.stream(method.split("\\" + JOIN)).map(String::trim).map(Signal::byId).toList();
    }

    public double score(OosInput input, EmbeddingSpace space) {
        return (combined(input, space) - mean) / sd;
    }

    public boolean outOfScope(double score) {
        return score > threshold;
    }

    private double combined(OosInput input, EmbeddingSpace space) {
        double sum = 0;
        for (Component c : components) {
            sum += (Signal.byId(c.signal()).value(input, space) - c.mean()) / c.sd();
        }
        return sum;
    }

    /**
     * Fits {@code method} on in-scope validation inputs only: standardises each signal, then sets the
     * threshold so that {@code keepRate} of them stay in scope.
     */
    public static OosDetector fit(String method, List<OosInput> validation, EmbeddingSpace space, double keepRate) {
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("cannot fit an out-of-scope detector on zero validation examples");
        }
        List<Component> components = new ArrayList<>();
        for (Signal signal : signals(method)) {
            double[] values = validation.stream().mapToDouble(in -> signal.value(in, space)).toArray();
            components.add(new Component(signal.id(), mean(values), sd(values)));
        }
        OosDetector unscaled = new OosDetector(method, components, 0, 1, Double.POSITIVE_INFINITY);
        double[] summed = validation.stream().mapToDouble(in -> unscaled.combined(in, space)).toArray();
        OosDetector scaled = new OosDetector(method, components, mean(summed), sd(summed), Double.POSITIVE_INFINITY);
        double[] scores = validation.stream().mapToDouble(in -> scaled.score(in, space)).toArray();
        return new OosDetector(method, components, scaled.mean(), scaled.sd(), threshold(scores, keepRate));
    }

    /**
     * The smallest score that keeps at least {@code keepRate} of {@code inScope} at or below it:
     * the ceil(keepRate * n)-th smallest.
     */
    public static double threshold(double[] inScope, double keepRate) {
        double[] sorted = inScope.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(keepRate * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(0);
    }

    /** A constant signal (e.g. oov on a vocabulary that saw every validation word) divides by 1, not 0. */
    private static double sd(double[] v) {
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        double sd = Math.sqrt(ss / Math.max(1, v.length - 1));
        return sd > 0 ? sd : 1;
    }
}

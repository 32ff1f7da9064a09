package ai.callcenter.ml.oos;

import java.util.List;

/**
 * How {@code train} fits the out-of-scope detector, from in-scope data only. Each service binds it
 * under its training settings; the defaults live in its application.yaml.
 *
 * @param method     the detector the model serves: a signal id or several joined by '+' (their
 *                   standardised scores summed), e.g. {@code energy}, {@code mahalanobis+energy}
 * @param candidates further detectors fitted and stored beside it, so that {@code evaluate
 *                   --oos-label} can compare them on the same model; never served
 * @param keepRate   share of in-scope validation tickets that must stay in scope: the threshold
 * @param shrinkage  ridge on the shared covariance of the Mahalanobis signal, as a share of the mean variance
 * @param neighbours k of the kNN signal: how many nearest training vectors its similarity averages
 */
public record OosSettings(String method, List<String> candidates, double keepRate, double shrinkage, int neighbours) {

    public OosSettings {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        if (!(keepRate > 0 && keepRate < 1)) {
            throw new IllegalArgumentException("oos keep-rate must be between 0 and 1, got " + keepRate);
        }
    }

    /** The served method first, then the other candidates, without repeats. */
    public List<String> allMethods() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        all.add(method);
        all.addAll(candidates);
        return List.copyOf(all);
    }

    public boolean needsEmbedding() {
        return allMethods().stream().anyMatch(m -> OosDetector.signals(m).stream().anyMatch(Signal::needsEmbedding));
    }

    public boolean needsNeighbours() {
        return allMethods().stream().anyMatch(m -> OosDetector.signals(m).contains(Signal.KNN));
    }
}

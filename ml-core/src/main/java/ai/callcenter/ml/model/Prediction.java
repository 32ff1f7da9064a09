package ai.callcenter.ml.model;

import ai.callcenter.api.ScoredCategory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The winning category, its probability, the next best candidates and the out-of-scope verdict
 * ({@code oosScore} null when the model has no detector) and the head that answered (null: the main one).
 */
public record Prediction(String category, double confidence, List<ScoredCategory> topK, boolean outOfScope, Double oosScore,
                         String head) {

    public Prediction(String category, double confidence, List<ScoredCategory> topK) {
        this(category, confidence, topK, false, null, null);
    }

    /** The category stays the best guess; the verdict only says whether to trust that it is one of ours. */
    public static Prediction of(List<String> labels, Classified classified, int topK) {
        Prediction p = fromProbabilities(labels, classified.probabilities(), topK);
        return classified.verdict() == null
                ? new Prediction(p.category(), p.confidence(), p.topK(), false, null, classified.head())
                : new Prediction(p.category(), p.confidence(), p.topK(), classified.verdict().outOfScope(),
                        classified.verdict().score(), classified.head());
    }

    public static Prediction fromProbabilities(List<String> labels, double[] probabilities, int topK) {
        int[] order = IntStream.range(0, probabilities.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed())
                .mapToInt(Integer::intValue)
                .toArray();
        List<ScoredCategory> top = new ArrayList<>();
        for (int rank = 0; rank < Math.min(topK, order.length); rank++) {
            top.add(new ScoredCategory(labels.get(order[rank]), probabilities[order[rank]]));
        }
        return new Prediction(labels.get(order[0]), probabilities[order[0]], List.copyOf(top));
    }

    public static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}

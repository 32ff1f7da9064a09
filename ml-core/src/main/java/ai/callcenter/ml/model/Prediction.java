package ai.callcenter.ml.model;

import ai.callcenter.api.ScoredCategory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** The winning category, its probability, and the next best candidates. */
public record Prediction(String category, double confidence, List<ScoredCategory> topK) {

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

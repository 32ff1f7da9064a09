package ai.callcenter.ml.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded stratified split: every class keeps its share in both parts, so a rare category is never
 * missing from the held-out side by chance.
 */
public final class StratifiedSplit {

    public record Split(List<LabeledText> train, List<LabeledText> test) {
    }

    private StratifiedSplit() {
    }

    public static Split split(List<LabeledText> examples, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be between 0 and 1, got " + testFraction);
        }
        Map<String, List<LabeledText>> byLabel = new LinkedHashMap<>();
        for (LabeledText example : examples) {
            byLabel.computeIfAbsent(example.label(), k -> new ArrayList<>()).add(example);
        }
        Random random = new Random(seed);
        List<LabeledText> train = new ArrayList<>();
        List<LabeledText> test = new ArrayList<>();
        for (List<LabeledText> group : byLabel.values()) {
            List<LabeledText> shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, random);
            int testCount = (int) Math.round(shuffled.size() * testFraction);
            if (shuffled.size() >= 2) {
                testCount = Math.max(1, Math.min(shuffled.size() - 1, testCount));
            } else {
                testCount = 0;
            }
            test.addAll(shuffled.subList(0, testCount));
            train.addAll(shuffled.subList(testCount, shuffled.size()));
        }
        Collections.shuffle(train, random);
        Collections.shuffle(test, random);
        return new Split(List.copyOf(train), List.copyOf(test));
    }

    /**
     * Seeded stratified k-fold cross-validation: every example is held out in exactly one of the
     * {@code k} splits, and each class is dealt round the folds so that each fold holds its share.
     */
    public static List<Split> folds(List<LabeledText> examples, int k, long seed) {
        if (k < 2 || k > examples.size()) {
            throw new IllegalArgumentException("need 2 to " + examples.size() + " folds, got " + k);
        }
        Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            byLabel.computeIfAbsent(examples.get(i).label(), key -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        int[] foldOf = new int[examples.size()];
        int dealt = 0;
        for (List<Integer> group : byLabel.values()) {
            Collections.shuffle(group, random);
            for (int index : group) {
                // Continuing the deal across classes keeps the folds within one example of each other in size.
                foldOf[index] = dealt++ % k;
            }
        }
        List<Split> splits = new ArrayList<>(k);
        for (int fold = 0; fold < k; fold++) {
            List<LabeledText> train = new ArrayList<>();
            List<LabeledText> heldOut = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                (foldOf[i] == fold ? heldOut : train).add(examples.get(i));
            }
            splits.add(new Split(List.copyOf(train), List.copyOf(heldOut)));
        }
        return List.copyOf(splits);
    }
}

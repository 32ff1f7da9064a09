package ai.callcenter.ml.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    private static List<LabeledText> data() {
        List<LabeledText> data = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            data.add(new LabeledText("a" + i, "big"));
        }
        for (int i = 0; i < 100; i++) {
            data.add(new LabeledText("b" + i, "small"));
        }
        for (int i = 0; i < 3; i++) {
            data.add(new LabeledText("c" + i, "rare"));
        }
        return data;
    }

    @Test
    void keepsEachClassShareAndLosesNothing() {
        StratifiedSplit.Split split = StratifiedSplit.split(data(), 0.2, 42);
        Map<String, Long> test = split.test().stream().collect(Collectors.groupingBy(LabeledText::label, Collectors.counting()));
        assertThat(test).containsEntry("big", 180L).containsEntry("small", 20L).containsEntry("rare", 1L);
        assertThat(split.train().size() + split.test().size()).isEqualTo(1003);
        HashSet<LabeledText> overlap = new HashSet<>(split.train());
        overlap.retainAll(split.test());
        assertThat(overlap).isEmpty();
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        assertThat(StratifiedSplit.split(data(), 0.2, 42)).isEqualTo(StratifiedSplit.split(data(), 0.2, 42));
        assertThat(StratifiedSplit.split(data(), 0.2, 42).test()).isNotEqualTo(StratifiedSplit.split(data(), 0.2, 7).test());
    }

    @Test
    void foldsHoldOutEveryExampleOnceAndKeepClassShares() {
        List<StratifiedSplit.Split> folds = StratifiedSplit.folds(data(), 5, 42);
        assertThat(folds).hasSize(5);
        List<LabeledText> heldOut = new ArrayList<>();
        for (StratifiedSplit.Split fold : folds) {
            assertThat(fold.train().size() + fold.test().size()).isEqualTo(1003);
            HashSet<LabeledText> overlap = new HashSet<>(fold.train());
            overlap.retainAll(fold.test());
            assertThat(overlap).isEmpty();
            Map<String, Long> counts = fold.test().stream().collect(Collectors.groupingBy(LabeledText::label, Collectors.counting()));
            assertThat(counts.get("big")).isEqualTo(180L);
            assertThat(counts.get("small")).isEqualTo(20L);
            heldOut.addAll(fold.test());
        }
        assertThat(new HashSet<>(heldOut)).hasSize(1003).containsAll(data());
        assertThat(StratifiedSplit.folds(data(), 5, 42)).isEqualTo(folds);
    }
}

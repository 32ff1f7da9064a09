package ai.callcenter.common.dataset;

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
}

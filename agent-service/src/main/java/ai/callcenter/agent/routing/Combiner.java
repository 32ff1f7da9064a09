package ai.callcenter.agent.routing;

import ai.callcenter.common.api.ScoredCategory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted average of two calibrated distributions. The services return only their top-k
 * categories, so a category missing from one list gets that model's left-over probability mass
 * spread evenly over the categories it did not list (the best guess without the full vector).
 */
public final class Combiner {

    private Combiner() {
    }

    /**
     * @param labelCount number of categories of the models (0 when unknown: missing categories then get 0)
     * @return the union of both lists with averaged scores, best first
     */
    public static List<ScoredCategory> combine(List<ScoredCategory> first, List<ScoredCategory> second, double secondWeight,
                                               int labelCount) {
        Map<String, Double> p1 = asMap(first);
        Map<String, Double> p2 = asMap(second);
        double rest1 = residual(p1, labelCount);
        double rest2 = residual(p2, labelCount);
        Map<String, Double> union = new LinkedHashMap<>();
        p1.keySet().forEach(c -> union.put(c, 0.0));
        p2.keySet().forEach(c -> union.put(c, 0.0));
        List<ScoredCategory> out = new ArrayList<>(union.size());
        for (String c : union.keySet()) {
            double score = (1 - secondWeight) * p1.getOrDefault(c, rest1) + secondWeight * p2.getOrDefault(c, rest2);
            out.add(new ScoredCategory(c, score));
        }
        out.sort(Comparator.comparingDouble(ScoredCategory::score).reversed().thenComparing(ScoredCategory::category));
        return out;
    }

    private static Map<String, Double> asMap(List<ScoredCategory> list) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (ScoredCategory s : list) {
            m.merge(s.category(), s.score(), Double::sum);
        }
        return m;
    }

    private static double residual(Map<String, Double> p, int labelCount) {
        int missing = labelCount - p.size();
        if (missing <= 0) {
            return 0;
        }
        double listed = p.values().stream().mapToDouble(Double::doubleValue).sum();
        return Math.max(0, 1 - listed) / missing;
    }
}

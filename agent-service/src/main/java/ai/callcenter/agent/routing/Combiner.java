package ai.callcenter.agent.routing;

import ai.callcenter.api.ScoredCategory;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pools two calibrated distributions into one. The services return only their top-k categories,
 * so a category missing from one list gets that model's left-over probability mass spread evenly
 * over the categories it did not list (the best guess without the full vector).
 */
public final class Combiner {

    /** Floor for a probability inside a log: a category one model gives nothing must not veto it outright. */
    public static final double MIN_PROBABILITY = 1e-9;

    /**
     * How the two distributions are pooled. {@code fit-router} keeps the one that is right on more of
     * the least confident validation tickets (the tools' RouterFitter); routing files written
     * before this choice existed read as linear (FittedRouting).
     */
    public enum Rule {
        /** (1 - w) p1 + w p2: a category either model is sure of stays likely. */
        LINEAR,
        /**
         * p1^(1 - w) p2^w, renormalised (log-linear pooling): a category must be plausible to both
         * models, which suits two models that err on different tickets. On Banking77 validation it
         * was right more often (docs/routing.md).
         */
        GEOMETRIC;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Rule of(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** A pooling rule with the weight of the second model (the first gets 1 - w). */
    public record Pooling(Rule rule, double secondWeight) {
    }

    private Combiner() {
    }

    /**
     * @param labelCount number of categories of the models (0 when unknown: missing categories then get 0)
     * @return the union of both lists with pooled scores, best first
     */
    public static List<ScoredCategory> combine(List<ScoredCategory> first, List<ScoredCategory> second, Pooling pooling,
                                               int labelCount) {
        Map<String, Double> p1 = asMap(first);
        Map<String, Double> p2 = asMap(second);
        double rest1 = residual(p1, labelCount);
        double rest2 = residual(p2, labelCount);
        Map<String, Double> union = new LinkedHashMap<>();
        p1.keySet().forEach(c -> union.put(c, 0.0));
        p2.keySet().forEach(c -> union.put(c, 0.0));
        double w = pooling.secondWeight();
        List<ScoredCategory> out = new ArrayList<>(union.size());
        if (pooling.rule() == Rule.LINEAR) {
            for (String c : union.keySet()) {
                out.add(new ScoredCategory(c, (1 - w) * p1.getOrDefault(c, rest1) + w * p2.getOrDefault(c, rest2)));
            }
        } else {
            // Normalised over every category: those in neither list share both residuals.
            double unlisted = Math.max(0, labelCount - union.size()) * geometric(rest1, rest2, w);
            double total = unlisted;
            for (String c : union.keySet()) {
                double g = geometric(p1.getOrDefault(c, rest1), p2.getOrDefault(c, rest2), w);
                union.put(c, g);
                total += g;
            }
            for (Map.Entry<String, Double> e : union.entrySet()) {
                out.add(new ScoredCategory(e.getKey(), total > 0 ? e.getValue() / total : 0));
            }
        }
        out.sort(Comparator.comparingDouble(ScoredCategory::score).reversed().thenComparing(ScoredCategory::category));
        return out;
    }

    private static double geometric(double a, double b, double w) {
        return Math.exp((1 - w) * Math.log(Math.max(MIN_PROBABILITY, a)) + w * Math.log(Math.max(MIN_PROBABILITY, b)));
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

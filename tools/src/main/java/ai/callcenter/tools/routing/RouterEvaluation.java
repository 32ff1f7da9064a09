package ai.callcenter.tools.routing;

import ai.callcenter.agent.routing.CascadePolicy;
import ai.callcenter.agent.routing.Combiner;
import ai.callcenter.agent.routing.FeedbackTrust;
import ai.callcenter.api.ScoredCategory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays labelled samples through the same {@link CascadePolicy} and {@link Combiner} the agent
 * serves with, so offline figures are the served behaviour (without feedback trust, cache or LLM).
 */
public final class RouterEvaluation {

    private RouterEvaluation() {
    }

    /** The routed outcome of one sample. */
    public record Outcome(String category, double confidence, boolean correct, boolean sentToSecond, String language,
                          boolean scopeCheck) {

        public Outcome(String category, double confidence, boolean correct, boolean sentToSecond, String language) {
            this(category, confidence, correct, sentToSecond, language, false);
        }
    }

    /**
     * @param accuracy          routed accuracy
     * @param secondShare       share of tickets sent to the second model
     * @param firstAccuracy     first model alone
     * @param secondAccuracy    second model alone (NaN without second answers)
     * @param averageAccuracy   both pooled on every ticket (NaN without second answers)
     * @param autoAccuracy      accuracy of the answers not flagged for review
     * @param flaggedShare      share flagged needs_review
     * @param scopeCheckShare   share sent to the second model for its out-of-scope verdict only (first model answered)
     */
    public record Result(int n, double accuracy, double secondShare, double firstAccuracy, double secondAccuracy,
                         double averageAccuracy, double autoAccuracy, double flaggedShare, double scopeCheckShare,
                         Map<String, Map<String, Object>> perLanguage) {

        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", n);
            m.put("accuracy", round(accuracy));
            m.put("second_share", round(secondShare));
            m.put("first_accuracy", round(firstAccuracy));
            m.put("second_accuracy", round(secondAccuracy));
            m.put("average_accuracy", round(averageAccuracy));
            m.put("auto_accuracy", round(autoAccuracy));
            m.put("flagged_share", round(flaggedShare));
            m.put("scope_check_share", round(scopeCheckShare));
            m.put("per_language", perLanguage);
            return m;
        }
    }

    public static Outcome route(CascadePolicy policy, RoutingSample s, int labelCount) {
        CascadePolicy.Decision d = s.languageRoute() != null ? s.languageRoute()
                : policy.decide(s.language(), s.features(), s.first().confidence(), FeedbackTrust.BOTH);
        if (!d.consultSecond() || s.second() == null) {
            return new Outcome(s.first().category(), s.first().confidence(), s.first().category().equals(s.label()), false,
                    s.language(), d.scopeCheck());
        }
        List<ScoredCategory> ranked = d.secondOnly() ? s.second().topK()
                : Combiner.combine(s.first().topK(), s.second().topK(), policy.pooling(), labelCount);
        ScoredCategory top = ranked.get(0);
        return new Outcome(top.category(), top.score(), top.category().equals(s.label()), true, s.language());
    }

    public static List<Outcome> routeAll(CascadePolicy policy, List<RoutingSample> samples, int labelCount) {
        List<Outcome> out = new ArrayList<>(samples.size());
        for (RoutingSample s : samples) {
            out.add(route(policy, s, labelCount));
        }
        return out;
    }

    public static Result evaluate(CascadePolicy policy, List<RoutingSample> samples, int labelCount) {
        List<Outcome> outcomes = routeAll(policy, samples, labelCount);
        int n = samples.size();
        int correct = 0, sent = 0, scopeChecks = 0, firstOk = 0, secondOk = 0, avgOk = 0, withSecond = 0, auto = 0, autoOk = 0;
        Map<String, int[]> lang = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            RoutingSample s = samples.get(i);
            Outcome o = outcomes.get(i);
            correct += o.correct() ? 1 : 0;
            sent += o.sentToSecond() ? 1 : 0;
            scopeChecks += o.scopeCheck() ? 1 : 0;
            firstOk += s.first().category().equals(s.label()) ? 1 : 0;
            if (s.second() != null) {
                withSecond++;
                secondOk += s.second().category().equals(s.label()) ? 1 : 0;
                String avgTop = Combiner.combine(s.first().topK(), s.second().topK(), policy.pooling(), labelCount)
                        .get(0).category();
                avgOk += avgTop.equals(s.label()) ? 1 : 0;
            }
            if (o.confidence() >= policy.reviewThreshold()) {
                auto++;
                autoOk += o.correct() ? 1 : 0;
            }
            int[] c = lang.computeIfAbsent(s.language(), k -> new int[3]);
            c[0]++;
            c[1] += o.correct() ? 1 : 0;
            c[2] += o.sentToSecond() ? 1 : 0;
        }
        Map<String, Map<String, Object>> perLanguage = new TreeMap<>();
        lang.forEach((k, c) -> perLanguage.put(k, Map.of("n", c[0], "accuracy", round((double) c[1] / c[0]),
                "second_share", round((double) c[2] / c[0]))));
        return new Result(n, ratio(correct, n), ratio(sent, n), ratio(firstOk, n),
                withSecond == 0 ? Double.NaN : ratio(secondOk, withSecond), withSecond == 0 ? Double.NaN : ratio(avgOk, withSecond),
                ratio(autoOk, auto), ratio(n - auto, n), ratio(scopeChecks, n), perLanguage);
    }

    private static double ratio(int a, int b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    static Object round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10000) / 10000.0;
    }
}

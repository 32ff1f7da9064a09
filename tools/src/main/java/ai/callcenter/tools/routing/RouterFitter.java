package ai.callcenter.tools.routing;

import ai.callcenter.agent.routing.CascadePolicy;
import ai.callcenter.agent.routing.Combiner;
import ai.callcenter.agent.routing.ComplexityFeatures;
import ai.callcenter.agent.routing.FittedRouting;
import ai.callcenter.agent.routing.RoutingProperties;
import ai.callcenter.api.ScoredCategory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fits the cascade on labelled validation samples that carry both models' answers:
 * <ol>
 * <li>complexity bounds (quantiles of the validation features) that split tickets into normal/hard;</li>
 * <li>segments (language x difficulty, coarsened to language, then {@code *}, below a minimum size);</li>
 * <li>the pooling weight of each rule (linear, geometric) with the lowest log-loss on the least
 *     confident validation tickets, then the rule whose pooled answers are right on more of them;</li>
 * <li>per-segment thresholds that reach the target accuracy with the fewest second-model calls.
 *     Within a segment, sending the k least confident tickets gains gain(k) correct answers; the
 *     fitter takes steps along each segment's upper concave hull of gain(k), best gain per call
 *     first across all segments, until the target is met (a greedy solution of the
 *     multiple-choice knapsack). A segment where no step gains stays first-model only: that is
 *     how the router learns, per dataset and language, whether the second model helps at all;</li>
 * <li>the review bar: the lowest final confidence above which routed answers are at least
 *     {@code reviewAccuracy} accurate.</li>
 * </ol>
 * Pure: no I/O.
 */
public final class RouterFitter {

    /** Log-losses closer than this count as equal. */
    private static final double LOSS_TIE = 1e-9;

    /**
     * @param targetAccuracy  routed accuracy to reach; null = best reachable minus {@code tolerance}
     * @param tolerance       accuracy given up from the best reachable for fewer calls (when no target)
     * @param reviewAccuracy  accuracy answers above the review bar must have
     * @param minSegment      fewest validation tickets a segment needs to get its own threshold
     * @param hardQuantile    share of tickets at each feature's extreme counted as hard
     * @param weightStep      grid step of the pooling weight search
     * @param weightFitShare  share of validation tickets, least confident first, the weight is fitted on
     */
    public record Options(Double targetAccuracy, double tolerance, double reviewAccuracy, int minSegment, double hardQuantile,
                          double weightStep, double weightFitShare) {
    }

    private RouterFitter() {
    }

    public static FittedRouting fit(List<RoutingSample> samples, int labelCount, String firstName, String secondName,
                                   String firstVersion, String secondVersion, Options options) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no validation samples");
        }
        if (samples.stream().anyMatch(s -> s.second() == null)) {
            throw new IllegalArgumentException("every validation sample needs the second model's answer");
        }
        String trainingLanguage = samples.stream().collect(Collectors.groupingBy(RoutingSample::language, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        FittedRouting.Complexity bounds = bounds(samples, options.hardQuantile());

        // Re-derive features against the fitted training language (fit-router computes them without one).
        List<RoutingSample> s2 = samples.stream().map(s -> new RoutingSample(s.label(), s.language(),
                new ComplexityFeatures(s.features().tokens(), s.features().digitRatio(), s.features().symbolRatio(),
                        s.features().oovRate(), !"und".equals(s.language()) && !trainingLanguage.equals(s.language())),
                s.first(), s.second(), s.languageRoute())).toList();

        Map<String, List<RoutingSample>> segments = partition(s2, bounds, options.minSegment());
        List<FittedPooling> poolings = fitPoolings(s2, labelCount, options.weightStep(), options.weightFitShare());
        Combiner.Pooling pooling = best(poolings).pooling();
        int n = s2.size();
        int base = (int) s2.stream().filter(s -> s.first().category().equals(s.label())).count();

        record Step(String segment, int from, int to, int gain, double ratio) {
        }
        Map<String, double[]> confidences = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        int maxGain = 0;
        for (Map.Entry<String, List<RoutingSample>> e : segments.entrySet()) {
            List<RoutingSample> members = new ArrayList<>(e.getValue());
            members.sort(Comparator.comparingDouble(s -> s.first().confidence()));
            int m = members.size();
            double[] conf = new double[m];
            int[] gain = new int[m + 1];
            for (int i = 0; i < m; i++) {
                RoutingSample s = members.get(i);
                conf[i] = s.first().confidence();
                boolean firstOk = s.first().category().equals(s.label());
                boolean avgOk = Combiner.combine(s.first().topK(), s.second().topK(), pooling, labelCount).get(0).category()
                        .equals(s.label());
                gain[i + 1] = gain[i] + (avgOk ? 1 : 0) - (firstOk ? 1 : 0);
            }
            confidences.put(e.getKey(), conf);
            // Walk the upper concave hull of gain(k) over cut points that do not split equal confidences.
            int k0 = 0;
            while (true) {
                int bestK = -1;
                double bestRatio = 0;
                for (int k = k0 + 1; k <= m; k++) {
                    if (k < m && conf[k] == conf[k - 1]) {
                        continue;
                    }
                    double r = (double) (gain[k] - gain[k0]) / (k - k0);
                    if (r > bestRatio) {
                        bestRatio = r;
                        bestK = k;
                    }
                }
                if (bestK < 0) {
                    break;
                }
                steps.add(new Step(e.getKey(), k0, bestK, gain[bestK] - gain[k0], bestRatio));
                maxGain += gain[bestK] - gain[k0];
                k0 = bestK;
            }
        }
        steps.sort(Comparator.comparingDouble(Step::ratio).reversed().thenComparingInt(Step::from));
        double best = (double) (base + maxGain) / n;
        double target = options.targetAccuracy() != null ? options.targetAccuracy() : best - options.tolerance();
        Map<String, Integer> cut = new HashMap<>();
        int correct = base;
        for (Step step : steps) {
            if ((double) correct / n >= target) {
                break;
            }
            cut.put(step.segment(), step.to());
            correct += step.gain();
        }

        Map<String, FittedRouting.Segment> fitted = new LinkedHashMap<>();
        String largest = null;
        for (Map.Entry<String, List<RoutingSample>> e : segments.entrySet()) {
            double[] conf = confidences.get(e.getKey());
            int k = cut.getOrDefault(e.getKey(), 0);
            double threshold = k == 0 ? 0.0 : k == conf.length ? Math.nextUp(conf[conf.length - 1]) : (conf[k - 1] + conf[k]) / 2;
            List<RoutingSample> members = e.getValue();
            int firstOk = (int) members.stream().filter(s -> s.first().category().equals(s.label())).count();
            fitted.put(e.getKey(), new FittedRouting.Segment(threshold, k > 0, members.size(),
                    round((double) firstOk / members.size()), null, round((double) k / members.size())));
            if (largest == null || members.size() > segments.get(largest).size()) {
                largest = e.getKey();
            }
        }
        FittedRouting.Segment any = fitted.get(FittedRouting.ANY);
        if (any == null || (any.n() < options.minSegment() && !FittedRouting.ANY.equals(largest))) {
            // Languages absent from validation, or too rare to fit on their own: the policy of the
            // largest segment, the best-supported guess.
            FittedRouting.Segment l = fitted.get(largest);
            fitted.put(FittedRouting.ANY, new FittedRouting.Segment(l.threshold(), l.useSecond(), any == null ? 0 : any.n(),
                    any == null ? null : any.firstAccuracy(), null, null));
        }

        RoutingProperties.Defaults unused = new RoutingProperties.Defaults(0, pooling.secondWeight(), pooling.rule(), 0);
        FittedRouting draft = new FittedRouting(FittedRouting.FORMAT, Instant.now().toString(), firstName, secondName, firstVersion,
                secondVersion, trainingLanguage, pooling.secondWeight(), pooling.rule(), 0.0, bounds, fitted, null);
        CascadePolicy draftPolicy = new CascadePolicy(draft, unused);
        List<RouterEvaluation.Outcome> outcomes = RouterEvaluation.routeAll(draftPolicy, s2, labelCount);
        double review = reviewBar(outcomes, options.reviewAccuracy());

        // Per-segment routed accuracy for the record.
        Map<String, FittedRouting.Segment> withAccuracy = new LinkedHashMap<>();
        for (Map.Entry<String, FittedRouting.Segment> e : fitted.entrySet()) {
            List<RoutingSample> members = segments.getOrDefault(e.getKey(), List.of());
            Double routed = members.isEmpty() ? null : round(members.stream()
                    .filter(s -> RouterEvaluation.route(draftPolicy, s, labelCount).correct()).count() / (double) members.size());
            FittedRouting.Segment seg = e.getValue();
            withAccuracy.put(e.getKey(), new FittedRouting.Segment(seg.threshold(), seg.useSecond(), seg.n(), seg.firstAccuracy(),
                    routed, seg.secondShare()));
        }
        FittedRouting config = new FittedRouting(FittedRouting.FORMAT, draft.createdAt(), firstName, secondName, firstVersion,
                secondVersion, trainingLanguage, pooling.secondWeight(), pooling.rule(), review, bounds, withAccuracy, null);
        RouterEvaluation.Result result = RouterEvaluation.evaluate(new CascadePolicy(config, unused), s2, labelCount);
        Map<String, Object> validation = new LinkedHashMap<>(result.asMap());
        validation.put("target_accuracy", round(target));
        validation.put("best_reachable_accuracy", round(best));
        // How close the choice of rule was: each rule at its weight, on the tickets it was fitted on.
        Map<String, Object> rules = new LinkedHashMap<>();
        for (FittedPooling p : poolings) {
            rules.put(p.pooling().rule().json(), Map.of("second_weight", p.pooling().secondWeight(),
                    "log_loss", round(p.loss()), "right", p.correct(), "of", p.tickets()));
        }
        validation.put("pooling_rules", rules);
        validation.put("curve", curve(config, s2, labelCount));
        return new FittedRouting(config.format(), config.createdAt(), firstName, secondName, firstVersion, secondVersion,
                trainingLanguage, pooling.secondWeight(), pooling.rule(), review, bounds, withAccuracy, validation);
    }

    /** Accuracy and second-model share for one global threshold applied to every segment. */
    public static List<Map<String, Object>> curve(FittedRouting config, List<RoutingSample> samples, int labelCount) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (double t : new double[] {0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99, 1.01}) {
            Map<String, FittedRouting.Segment> all = new LinkedHashMap<>();
            all.put(FittedRouting.ANY, new FittedRouting.Segment(t, true, 0, null, null, null));
            FittedRouting uniform = new FittedRouting(config.format(), config.createdAt(), config.firstModel(), config.secondModel(),
                    null, null, config.trainingLanguage(), config.secondWeight(), config.combination(), config.reviewThreshold(), config.complexity(),
                    all, null);
            RouterEvaluation.Result r = RouterEvaluation.evaluate(new CascadePolicy(uniform, null), samples, labelCount);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("threshold", t);
            p.put("accuracy", round(r.accuracy()));
            p.put("second_share", round(r.secondShare()));
            points.add(p);
        }
        return points;
    }

    /**
     * The pooling to use on the tickets the first model is least sure of (pooling only matters on
     * tickets actually sent). Each rule's weight is the one with the lowest log-loss of the true
     * category: log-loss uses every ticket's full answer, where counting correct answers on a thousand
     * tickets swings from one grid step to the next; within a rule, ties go to the even split. Between
     * the two rules, what the cascade is for decides: the rule whose pooled answers are right more
     * often; equal counts go to the lower log-loss, then to linear. Log-loss alone was a coin toss
     * between the rules on Banking77 (0.25 and 1.3 nats of ~370 over 503 tickets in two refits, one
     * each way), while geometric pooling was right on 4 and 6 more of those tickets both times.
     */
    static Combiner.Pooling bestPooling(List<RoutingSample> samples, int labelCount, double step, double fitShare) {
        return best(fitPoolings(samples, labelCount, step, fitShare)).pooling();
    }

    /** A pooling rule at its fitted weight, with its log-loss and right answers on the unsure tickets. */
    record FittedPooling(Combiner.Pooling pooling, double loss, int correct, int tickets) {
    }

    private static FittedPooling best(List<FittedPooling> fitted) {
        FittedPooling best = null;
        for (FittedPooling f : fitted) {
            if (best == null || f.correct() > best.correct() || (f.correct() == best.correct() && f.loss() < best.loss() - LOSS_TIE)) {
                best = f;
            }
        }
        return best;
    }

    private static List<FittedPooling> fitPoolings(List<RoutingSample> samples, int labelCount, double step, double fitShare) {
        List<RoutingSample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingDouble(s -> s.first().confidence()));
        List<RoutingSample> unsure = sorted.subList(0, Math.max(1, (int) Math.ceil(sorted.size() * fitShare)));
        List<FittedPooling> fitted = new ArrayList<>();
        int steps = (int) Math.round(1 / step);
        for (Combiner.Rule rule : Combiner.Rule.values()) {
            Combiner.Pooling ruleBest = null;
            double ruleLoss = Double.POSITIVE_INFINITY;
            for (int i = 0; i <= steps; i++) {
                Combiner.Pooling candidate = new Combiner.Pooling(rule, Math.round(i * step * 1000) / 1000.0);
                double loss = 0;
                for (RoutingSample s : unsure) {
                    loss -= Math.log(Math.max(Combiner.MIN_PROBABILITY, probabilityOf(s.label(),
                            Combiner.combine(s.first().topK(), s.second().topK(), candidate, labelCount))));
                }
                boolean better = loss < ruleLoss - LOSS_TIE || (Math.abs(loss - ruleLoss) <= LOSS_TIE
                        && Math.abs(candidate.secondWeight() - 0.5) < Math.abs(ruleBest.secondWeight() - 0.5));
                if (better) {
                    ruleLoss = loss;
                    ruleBest = candidate;
                }
            }
            int correct = 0;
            for (RoutingSample s : unsure) {
                if (Combiner.combine(s.first().topK(), s.second().topK(), ruleBest, labelCount).get(0).category().equals(s.label())) {
                    correct++;
                }
            }
            fitted.add(new FittedPooling(ruleBest, ruleLoss, correct, unsure.size()));
        }
        return fitted;
    }

    private static double probabilityOf(String label, List<ScoredCategory> ranked) {
        for (ScoredCategory c : ranked) {
            if (c.category().equals(label)) {
                return c.score();
            }
        }
        return 0;
    }

    static FittedRouting.Complexity bounds(List<RoutingSample> samples, double q) {
        int minTokens = (int) quantile(samples, s -> (double) s.features().tokens(), q);
        double maxNonLetter = quantile(samples, s -> s.features().digitRatio() + s.features().symbolRatio(), 1 - q);
        boolean hasOov = samples.stream().anyMatch(s -> s.features().oovRate() != null);
        double maxOov = hasOov ? quantile(samples.stream().filter(s -> s.features().oovRate() != null).toList(),
                s -> s.features().oovRate(), 1 - q) : 1.0;
        return new FittedRouting.Complexity(minTokens, round(maxNonLetter), round(maxOov));
    }

    private static double quantile(List<RoutingSample> samples, Function<RoutingSample, Double> f, double q) {
        double[] v = samples.stream().mapToDouble(f::apply).sorted().toArray();
        if (v.length == 0) {
            return 0;
        }
        return v[Math.min(v.length - 1, Math.max(0, (int) Math.floor(q * (v.length - 1))))];
    }

    /** language:difficulty when both halves are big enough, else language, else {@code *}. */
    static Map<String, List<RoutingSample>> partition(List<RoutingSample> samples, FittedRouting.Complexity bounds, int min) {
        Map<String, Long> byLangDiff = samples.stream().collect(Collectors.groupingBy(s -> key(s, bounds), Collectors.counting()));
        Map<String, Long> byLang = samples.stream().collect(Collectors.groupingBy(RoutingSample::language, Collectors.counting()));
        Map<String, List<RoutingSample>> out = new LinkedHashMap<>();
        for (RoutingSample s : samples) {
            String lang = s.language();
            boolean split = byLangDiff.getOrDefault(lang + ":normal", 0L) >= min && byLangDiff.getOrDefault(lang + ":hard", 0L) >= min;
            String k = split ? key(s, bounds) : byLang.get(lang) >= min ? lang : FittedRouting.ANY;
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(s);
        }
        return out;
    }

    private static String key(RoutingSample s, FittedRouting.Complexity bounds) {
        return s.language() + ":" + (s.features().hard(bounds) ? "hard" : "normal");
    }

    /** Lowest bar whose answers at or above it are at least {@code accuracy} accurate (1.0+ when none is). */
    static double reviewBar(List<RouterEvaluation.Outcome> outcomes, double accuracy) {
        RouterEvaluation.Outcome[] sorted = outcomes.toArray(new RouterEvaluation.Outcome[0]);
        Arrays.sort(sorted, Comparator.comparingDouble(RouterEvaluation.Outcome::confidence));
        int n = sorted.length;
        int[] correctFrom = new int[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            correctFrom[i] = correctFrom[i + 1] + (sorted[i].correct() ? 1 : 0);
        }
        for (int i = 0; i < n; i++) {
            if (i > 0 && sorted[i].confidence() == sorted[i - 1].confidence()) {
                continue;
            }
            if ((double) correctFrom[i] / (n - i) >= accuracy) {
                // rounded down so that the ticket at the bar stays above it
                return Math.floor(sorted[i].confidence() * 10000) / 10000.0;
            }
        }
        return 1.0;
    }

    private static Double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}

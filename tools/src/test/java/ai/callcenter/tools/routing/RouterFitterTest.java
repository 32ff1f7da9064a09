package ai.callcenter.tools.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.routing.CascadePolicy;
import ai.callcenter.agent.routing.Combiner;
import ai.callcenter.agent.routing.ComplexityFeatures;
import ai.callcenter.agent.routing.FittedRouting;
import ai.callcenter.agent.routing.FittedRoutingFiles;
import ai.callcenter.api.ClassifierResponse;
import ai.callcenter.api.ScoredCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterFitterTest {

    static final int LABELS = 3;
    static final RouterFitter.Options OPTIONS = new RouterFitter.Options(null, 0.002, 0.95, 100, 0.1, 0.05, 0.5);

    static ClassifierResponse answer(String top, double p, String other) {
        // the rest of the mass is split between the runner-up and the unlisted third label
        return new ClassifierResponse(null, top, p, List.of(new ScoredCategory(top, p), new ScoredCategory(other, (1 - p) / 2)),
                "v", 0.001, null, null);
    }

    /**
     * English: the first model is right exactly when its confidence is at least 0.6 and the second
     * model is always right, so the cascade should send just the tickets below 0.6. German: the
     * second model is confidently wrong, so it must never be consulted there.
     */
    static List<RoutingSample> samples() {
        List<RoutingSample> out = new ArrayList<>();
        ComplexityFeatures f = ComplexityFeatures.of("a plain ticket text here", "en", null, null);
        for (int i = 0; i < 1000; i++) {
            double conf = 0.35 + 0.65 * i / 1000;
            ClassifierResponse first = conf >= 0.6 ? answer("a", conf, "b") : answer("b", conf, "a");
            out.add(new RoutingSample("a", "en", f, first, answer("a", 0.9, "b")));
        }
        ComplexityFeatures g = ComplexityFeatures.of("ein einfacher Text hier", "de", null, null);
        for (int i = 0; i < 300; i++) {
            double conf = 0.5 + 0.45 * i / 300;
            ClassifierResponse first = i % 5 == 0 ? answer("b", conf, "a") : answer("a", conf, "b");
            out.add(new RoutingSample("a", "de", g, first, answer("c", 0.99, "a")));
        }
        return out;
    }

    /**
     * On unsure tickets the second model is much better on half (0.8 vs 0.25 for the true label) and
     * somewhat worse on the other half (0.3 vs 0.55): the log-loss optimum leans on the second model
     * without dropping the first (0.8, geometric pooling). Confident tickets, outside the fitted share, must not
     * pull the weight.
     */
    @Test
    void poolingWeightMinimisesLogLossOnTheUnsureTickets() {
        List<RoutingSample> samples = new ArrayList<>();
        ComplexityFeatures f = ComplexityFeatures.of("a plain ticket text here", "en", null, null);
        for (int i = 0; i < 100; i++) {
            ClassifierResponse first = i % 2 == 0 ? answer("b", 0.5, "a") : answer("a", 0.55, "b");
            samples.add(new RoutingSample("a", "en", f, first, i % 2 == 0 ? answer("a", 0.8, "b") : answer("a", 0.3, "b")));
            // confident and right, where the second model is useless: only outside the fitted half
            samples.add(new RoutingSample("a", "en", f, answer("a", 0.99, "b"), answer("c", 0.9, "b")));
        }
        Combiner.Pooling unsure = RouterFitter.bestPooling(samples, LABELS, 0.05, 0.5);
        assertThat(unsure.secondWeight()).isBetween(0.6, 0.95);
        // fitted on everything, the confident tickets would drag the weight towards the first model
        Combiner.Pooling all = RouterFitter.bestPooling(samples, LABELS, 0.05, 1.0);
        assertThat(all.rule()).isEqualTo(unsure.rule());
        assertThat(all.secondWeight()).isLessThan(unsure.secondWeight());
    }

    static ClassifierResponse full(String top, double pTop, String second, double pSecond, String third, double pThird) {
        return new ClassifierResponse(null, top, pTop, List.of(new ScoredCategory(top, pTop), new ScoredCategory(second, pSecond),
                new ScoredCategory(third, pThird)), "v", 0.001, null, null);
    }

    /**
     * Both models hesitate between the true label and a different wrong one: multiplying cancels the
     * disagreement (p(a) 0.5 -> 0.625 geometrically, 0.5 linearly), so geometric pooling has the lower
     * log-loss. When each model is confidently wrong on half the tickets, a near-zero probability from
     * one model vetoes the true label in a product, so linear pooling wins.
     */
    @Test
    void poolingRuleIsTheOneWithTheLowerLogLossWhenBothAreRightAsOften() {
        ComplexityFeatures f = ComplexityFeatures.of("a plain ticket text here", "en", null, null);
        List<RoutingSample> diffuse = new ArrayList<>();
        List<RoutingSample> confidentlyWrong = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            diffuse.add(new RoutingSample("a", "en", f, full("a", 0.5, "b", 0.45, "c", 0.05), full("a", 0.5, "c", 0.45, "b", 0.05)));
            ClassifierResponse sure = full("a", 0.9, "b", 0.05, "c", 0.05);
            ClassifierResponse wrong = full("b", 0.9, "c", 0.08, "a", 0.02);
            confidentlyWrong.add(i % 2 == 0 ? new RoutingSample("a", "en", f, sure, wrong) : new RoutingSample("a", "en", f, wrong, sure));
        }
        assertThat(RouterFitter.bestPooling(diffuse, LABELS, 0.05, 1.0).rule()).isEqualTo(Combiner.Rule.GEOMETRIC);
        assertThat(RouterFitter.bestPooling(confidentlyWrong, LABELS, 0.05, 1.0))
                .isEqualTo(new Combiner.Pooling(Combiner.Rule.LINEAR, 0.5));
    }

    /**
     * On "split" tickets each model puts the true label second behind a different wrong one: only a
     * product finds it. On "vetoed" tickets one model is sure and right, the other sure and wrong:
     * both rules get them wrong at the even split, but linear pooling loses less log-loss there. With
     * four vetoed tickets per split one, linear has the lower log-loss overall and geometric the
     * more right answers; the cascade exists for right answers.
     */
    @Test
    void betweenRulesMoreRightAnswersBeatLowerLogLoss() {
        ComplexityFeatures f = ComplexityFeatures.of("a plain ticket text here", "en", null, null);
        List<RoutingSample> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ClassifierResponse leansB = full("b", 0.6, "a", 0.3, "c", 0.1);
            ClassifierResponse leansC = full("c", 0.6, "a", 0.3, "b", 0.1);
            samples.add(i % 2 == 0 ? new RoutingSample("a", "en", f, leansB, leansC) : new RoutingSample("a", "en", f, leansC, leansB));
        }
        for (int i = 0; i < 80; i++) {
            ClassifierResponse sure = full("a", 0.9, "b", 0.05, "c", 0.05);
            ClassifierResponse wrong = full("b", 0.9, "c", 0.08, "a", 0.02);
            samples.add(i % 2 == 0 ? new RoutingSample("a", "en", f, sure, wrong) : new RoutingSample("a", "en", f, wrong, sure));
        }
        Combiner.Pooling linear = new Combiner.Pooling(Combiner.Rule.LINEAR, 0.5);
        Combiner.Pooling geometric = new Combiner.Pooling(Combiner.Rule.GEOMETRIC, 0.5);
        assertThat(logLoss(samples, linear)).isLessThan(logLoss(samples, geometric));

        assertThat(RouterFitter.bestPooling(samples, LABELS, 0.05, 1.0)).isEqualTo(geometric);
    }

    private static double logLoss(List<RoutingSample> samples, Combiner.Pooling pooling) {
        double loss = 0;
        for (RoutingSample s : samples) {
            loss -= Math.log(Combiner.combine(s.first().topK(), s.second().topK(), pooling, LABELS).stream()
                    .filter(c -> c.category().equals(s.label())).findFirst().orElseThrow().score());
        }
        return loss;
    }

    @Test
    void sendsOnlyTheTicketsTheSecondModelFixesAndLearnsWhereItDoesNotHelp() {
        List<RoutingSample> samples = samples();
        FittedRouting config = RouterFitter.fit(samples, LABELS, "tfidf", "transformer", "v1", "v2", OPTIONS);
        assertThat(config.trainingLanguage()).isEqualTo("en");
        FittedRouting.Segment en = config.segments().get("en");
        assertThat(en.useSecond()).isTrue();
        assertThat(en.threshold()).isBetween(0.58, 0.61);
        FittedRouting.Segment de = config.segments().get("de");
        assertThat(de.useSecond()).isFalse();
        assertThat(config.segments()).containsKey(FittedRouting.ANY);

        RouterEvaluation.Result r = RouterEvaluation.evaluate(new CascadePolicy(config, null), samples, LABELS);
        // 385 English tickets are below 0.6: all must be sent (bar a couple), none of the German ones
        assertThat(r.secondShare()).isBetween(381 / 1300.0, 386 / 1300.0);
        assertThat(r.accuracy()).isGreaterThan(r.firstAccuracy());
        assertThat(r.accuracy()).isGreaterThanOrEqualTo(((Number) config.validation().get("target_accuracy")).doubleValue());
        // Both rules are reported with their fitted weight, so a close call between them is visible.
        assertThat(((Map<?, ?>) config.validation().get("pooling_rules")).keySet()).map(Object::toString).containsExactlyInAnyOrder("linear", "geometric");
        // answers above the review bar are at least 95 % accurate, and the bar is not trivially 1
        assertThat(r.autoAccuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(config.reviewThreshold()).isLessThan(1.0);
        assertThat(r.flaggedShare()).isLessThan(0.5);
    }

    @Test
    void rareLanguagesFollowTheLargestSegment() {
        List<RoutingSample> samples = new ArrayList<>(samples());
        ComplexityFeatures f = ComplexityFeatures.of("une question simple ici", "fr", null, null);
        for (int i = 0; i < 5; i++) {
            samples.add(new RoutingSample("a", "fr", f, answer("a", 0.99, "b"), answer("c", 0.99, "a")));
        }
        FittedRouting config = RouterFitter.fit(samples, LABELS, "tfidf", "transformer", "v1", "v2", OPTIONS);
        // 5 French tickets are too few for a policy of their own: "*" copies English (the largest segment)
        assertThat(config.segments().get(FittedRouting.ANY).n()).isEqualTo(5);
        assertThat(config.segments().get(FittedRouting.ANY).threshold()).isEqualTo(config.segments().get("en").threshold());
        assertThat(config.segments().get(FittedRouting.ANY).useSecond()).isTrue();
    }

    @Test
    void anExplicitLowerTargetSendsFewerTickets() {
        List<RoutingSample> samples = samples();
        FittedRouting full = RouterFitter.fit(samples, LABELS, "tfidf", "transformer", "v1", "v2", OPTIONS);
        double firstAccuracy = RouterEvaluation.evaluate(new CascadePolicy(full, null), samples, LABELS).firstAccuracy();
        RouterFitter.Options lower = new RouterFitter.Options(firstAccuracy + 0.05, 0.002, 0.95, 100, 0.1, 0.05, 0.5);
        FittedRouting partial = RouterFitter.fit(samples, LABELS, "tfidf", "transformer", "v1", "v2", lower);
        RouterEvaluation.Result r = RouterEvaluation.evaluate(new CascadePolicy(partial, null), samples, LABELS);
        assertThat(r.accuracy()).isGreaterThanOrEqualTo(firstAccuracy + 0.05);
        assertThat(r.secondShare()).isLessThan(0.2);
    }

    @Test
    void aSecondModelThatNeverHelpsIsNeverConsulted() {
        List<RoutingSample> samples = samples().stream().filter(s -> s.language().equals("de")).toList();
        FittedRouting config = RouterFitter.fit(samples, LABELS, "tfidf", "transformer", "v1", "v2", OPTIONS);
        assertThat(config.segments().values()).allMatch(s -> !s.useSecond());
        assertThat(RouterEvaluation.evaluate(new CascadePolicy(config, null), samples, LABELS).secondShare()).isZero();
    }

    @Test
    void configRoundTripsThroughJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        FittedRouting config = RouterFitter.fit(samples(), LABELS, "tfidf", "transformer", "v1", "v2", OPTIONS);
        java.nio.file.Path file = dir.resolve("router.json");
        FittedRoutingFiles.write(config, file);
        FittedRouting read = FittedRoutingFiles.read(file);
        assertThat(read.segments()).isEqualTo(config.segments());
        assertThat(read.secondWeight()).isEqualTo(config.secondWeight());
        assertThat(read.complexity()).isEqualTo(config.complexity());
    }
}

package ai.callcenter.agent.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.feedback.RollingAccuracy;
import ai.callcenter.api.ScoredCategory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CascadePolicyTest {

    static final RoutingProperties.Defaults DEFAULTS = new RoutingProperties.Defaults(0.0, 0.5, Combiner.Rule.GEOMETRIC, 0.5);
    static final RoutingProperties.TrustSettings TRUST = new RoutingProperties.TrustSettings(50, 0.02);
    static final FittedRouting.Complexity BOUNDS = new FittedRouting.Complexity(3, 0.5, 0.4);

    static FittedRouting config() {
        return new FittedRouting(FittedRouting.FORMAT, "2026-01-01T00:00:00Z", "tfidf", "transformer", "v1", "v2", "en", 0.4,
                Combiner.Rule.LINEAR, 0.6, BOUNDS, Map.of(
                        "en:normal", new FittedRouting.Segment(0.7, true, 100, null, null, null),
                        "en:hard", new FittedRouting.Segment(0.9, true, 20, null, null, null),
                        "de", new FittedRouting.Segment(0.5, false, 10, null, null, null),
                        "*", new FittedRouting.Segment(0.8, true, 0, null, null, null)),
                null);
    }

    static ComplexityFeatures normal() {
        return ComplexityFeatures.of("my card has not arrived yet", "en", "en", null);
    }

    @Test
    void withoutConfigTheDefaultsKeepTheFirstModelAndSaySo() {
        CascadePolicy policy = new CascadePolicy(null, DEFAULTS);
        CascadePolicy.Decision d = policy.decide("en", normal(), 0.1, FeedbackTrust.BOTH);
        assertThat(d.consultSecond()).isFalse();
        assertThat(d.reason()).contains("no router config");
        assertThat(policy.reviewThreshold()).isEqualTo(0.5);
    }

    @Test
    void aConfidentAnswerWithUnknownWordsAsksTheSecondModelOnlyForItsScopeVerdict() {
        CascadePolicy policy = new CascadePolicy(config(), DEFAULTS);
        // "WiFi not working": one word in three unknown to tfidf, which is sure it is card_not_working
        ComplexityFeatures unknownWords = ComplexityFeatures.of("WiFi not working at home today", "en", "en", 0.5);
        CascadePolicy.Decision checked = policy.decide("en", unknownWords, 0.98, FeedbackTrust.BOTH);
        assertThat(checked.consultSecond()).isFalse();
        assertThat(checked.scopeCheck()).isTrue();
        assertThat(checked.asksSecond()).isTrue();
        assertThat(checked.reason()).endsWith("unknown words (oov_rate 0.50 > 0.40): second model's out-of-scope verdict");
        // within the fitted bound, or no vocabulary reported: the first model alone, as before
        assertThat(policy.decide("en", ComplexityFeatures.of("WiFi not working at home today", "en", "en", 0.2), 0.98,
                FeedbackTrust.BOTH).asksSecond()).isFalse();
        assertThat(policy.decide("en", normal(), 0.98, FeedbackTrust.BOTH).asksSecond()).isFalse();
        // unsure anyway: the second model is consulted for its answer, which brings its verdict along
        CascadePolicy.Decision unsure = policy.decide("en", unknownWords, 0.5, FeedbackTrust.BOTH);
        assertThat(unsure.consultSecond()).isTrue();
        assertThat(unsure.scopeCheck()).isFalse();
        // the documented defaults have no fitted bound: no scope check
        assertThat(new CascadePolicy(null, DEFAULTS).decide("en", unknownWords, 0.98, FeedbackTrust.BOTH).asksSecond()).isFalse();
    }

    @Test
    void thresholdDependsOnLanguageAndDifficulty() {
        CascadePolicy policy = new CascadePolicy(config(), DEFAULTS);
        assertThat(policy.decide("en", normal(), 0.75, FeedbackTrust.BOTH).consultSecond()).isFalse();
        assertThat(policy.decide("en", normal(), 0.65, FeedbackTrust.BOTH).consultSecond()).isTrue();
        ComplexityFeatures shortTicket = ComplexityFeatures.of("card?", "en", "en", null);
        assertThat(shortTicket.hard(BOUNDS)).isTrue();
        CascadePolicy.Decision hard = policy.decide("en", shortTicket, 0.75, FeedbackTrust.BOTH);
        assertThat(hard.consultSecond()).isTrue();
        assertThat(hard.segment()).isEqualTo("en:hard");
        // German: the second model did not help in validation, so it is never consulted.
        ComplexityFeatures german = ComplexityFeatures.of("meine Karte ist nicht angekommen", "de", "en", null);
        CascadePolicy.Decision de = policy.decide("de", german, 0.1, FeedbackTrust.BOTH);
        assertThat(de.consultSecond()).isFalse();
        assertThat(de.reason()).contains("did not help");
        // Unknown language falls back to "*".
        assertThat(policy.decide("fr", ComplexityFeatures.of("ma carte", "fr", "en", null), 0.79, FeedbackTrust.BOTH).segment())
                .isEqualTo("*");
    }

    @Test
    void featuresMarkHardTickets() {
        assertThat(ComplexityFeatures.of("order 1234567 ref 99-88-77 ###", "en", "en", null).hard(BOUNDS)).isTrue();
        assertThat(ComplexityFeatures.of("please help me with my card payment", "en", "en", 0.6).hard(BOUNDS)).isTrue();
        assertThat(ComplexityFeatures.of("please help me with my card payment", "en", "en", 0.1).hard(BOUNDS)).isFalse();
        assertThat(ComplexityFeatures.of("bitte helfen Sie mir mit meiner Karte", "de", "en", null).foreignLanguage()).isTrue();
        // placeholders are not symbols
        assertThat(ComplexityFeatures.of("write to <EMAIL> about the transfer", "en", "en", null).symbolRatio()).isZero();
    }

    @Test
    void feedbackTrustOverridesTheFittedPolicy() {
        CascadePolicy policy = new CascadePolicy(config(), DEFAULTS);
        FeedbackTrust secondWorse = FeedbackTrust.judge(Optional.of(new RollingAccuracy(90, 100)), Optional.of(new RollingAccuracy(70, 100)),
                TRUST, "tfidf", "transformer", "en");
        assertThat(secondWorse.secondTrusted()).isFalse();
        assertThat(policy.decide("en", normal(), 0.1, secondWorse).consultSecond()).isFalse();
        FeedbackTrust firstWorse = FeedbackTrust.judge(Optional.of(new RollingAccuracy(60, 100)), Optional.of(new RollingAccuracy(90, 100)),
                TRUST, "tfidf", "transformer", "en");
        CascadePolicy.Decision d = policy.decide("en", normal(), 0.99, firstWorse);
        assertThat(d.consultSecond()).isTrue();
        assertThat(d.secondOnly()).isTrue();
        // too few outcomes, or a gap within the margin: nothing changes
        assertThat(FeedbackTrust.judge(Optional.of(new RollingAccuracy(9, 10)), Optional.of(new RollingAccuracy(1, 10)), TRUST,
                "tfidf", "transformer", "en")).isEqualTo(FeedbackTrust.BOTH);
        assertThat(FeedbackTrust.judge(Optional.of(new RollingAccuracy(90, 100)), Optional.of(new RollingAccuracy(89, 100)), TRUST,
                "tfidf", "transformer", "en")).isEqualTo(FeedbackTrust.BOTH);
    }

    @Test
    void combinerAveragesAndSpreadsMissingMass() {
        List<ScoredCategory> a = List.of(new ScoredCategory("x", 0.6), new ScoredCategory("y", 0.3));
        List<ScoredCategory> b = List.of(new ScoredCategory("y", 0.8), new ScoredCategory("z", 0.1));
        List<ScoredCategory> c = Combiner.combine(a, b, new Combiner.Pooling(Combiner.Rule.LINEAR, 0.5), 4);
        // x: 0.5*0.6 + 0.5*(0.1/2) ; y: 0.5*0.3 + 0.5*0.8 ; z: 0.5*(0.1/2) + 0.5*0.1
        assertThat(c.get(0).category()).isEqualTo("y");
        assertThat(c.get(0).score()).isEqualTo(0.55, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.get(1).score()).isEqualTo(0.325, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.get(2).score()).isEqualTo(0.075, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Combiner.combine(a, b, new Combiner.Pooling(Combiner.Rule.LINEAR, 0.0), 4).get(0).category()).isEqualTo("x");
    }

    @Test
    void geometricPoolingMultipliesAndRenormalisesOverEveryCategory() {
        List<ScoredCategory> a = List.of(new ScoredCategory("x", 0.6), new ScoredCategory("y", 0.3));
        List<ScoredCategory> b = List.of(new ScoredCategory("y", 0.8), new ScoredCategory("z", 0.1));
        List<ScoredCategory> c = Combiner.combine(a, b, new Combiner.Pooling(Combiner.Rule.GEOMETRIC, 0.5), 4);
        // unnormalised: x sqrt(.6*.05), y sqrt(.3*.8), z sqrt(.05*.1), and the unlisted fourth sqrt(.05*.05)
        double x = Math.sqrt(0.6 * 0.05);
        double y = Math.sqrt(0.3 * 0.8);
        double z = Math.sqrt(0.05 * 0.1);
        double total = x + y + z + Math.sqrt(0.05 * 0.05);
        assertThat(c).extracting(ScoredCategory::category).containsExactly("y", "x", "z");
        assertThat(c.get(0).score()).isEqualTo(y / total, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.get(1).score()).isEqualTo(x / total, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.get(2).score()).isEqualTo(z / total, org.assertj.core.data.Offset.offset(1e-9));
        // weight 0 is the first model alone
        List<ScoredCategory> firstOnly = Combiner.combine(a, b, new Combiner.Pooling(Combiner.Rule.GEOMETRIC, 0.0), 4);
        assertThat(firstOnly.get(0).category()).isEqualTo("x");
        assertThat(firstOnly.get(0).score()).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void configsWrittenBeforeTheRuleExistedPoolLinearly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("router-old.json");
        FittedRoutingFiles.write(config(), file);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
        assertThat(tree.remove("combination").asText()).isEqualTo("linear");
        json.writeValue(file.toFile(), tree);
        CascadePolicy policy = new CascadePolicy(FittedRoutingFiles.read(file), DEFAULTS);
        assertThat(policy.pooling()).isEqualTo(new Combiner.Pooling(Combiner.Rule.LINEAR, 0.4));
        assertThat(new CascadePolicy(null, DEFAULTS).pooling()).isEqualTo(new Combiner.Pooling(Combiner.Rule.GEOMETRIC, 0.5));
    }
}

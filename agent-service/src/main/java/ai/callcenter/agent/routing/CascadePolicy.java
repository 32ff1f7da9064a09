package ai.callcenter.agent.routing;

import java.util.Locale;
import java.util.Map;

/**
 * The default routing policy, a cascade that needs no network: the first model answers every
 * ticket; its calibrated confidence is compared with the threshold fitted for the ticket's
 * segment (language x difficulty); below it the second model is consulted and both distributions
 * are pooled (Combiner). Feedback-measured trust overrides the fitted settings. Pure: no I/O.
 */
public final class CascadePolicy {

    /**
     * The outcome for one ticket after the first model answered.
     *
     * @param reviewNote why a human should check the answer whatever its confidence (no model reads the
     *                   ticket's language well); null when nothing but the confidence decides
     * @param scopeCheck the first model answers alone, but the second is asked for its out-of-scope verdict:
     *                   words the first model has never seen are the cheapest sign of a ticket about none of
     *                   its categories, and its own detector (confidence-based) misses a confident wrong guess
     */
    public record Decision(boolean consultSecond, boolean secondOnly, String segment, String reason, String reviewNote,
                           boolean scopeCheck) {

        public Decision(boolean consultSecond, boolean secondOnly, String segment, String reason) {
            this(consultSecond, secondOnly, segment, reason, null, false);
        }

        public Decision withReviewNote(String note) {
            return new Decision(consultSecond, secondOnly, segment, reason, note, scopeCheck);
        }

        /** Whether the second model gets the ticket at all (for its answer, or for its verdict only). */
        public boolean asksSecond() {
            return consultSecond || scopeCheck;
        }
    }

    private final FittedRouting config;
    private final RoutingProperties.Defaults defaults;
    private final boolean scopeCheck;

    /** @param config the fitted config, or null to run on the documented defaults */
    public CascadePolicy(FittedRouting config, RoutingProperties.Defaults defaults) {
        this(config, defaults, true);
    }

    /** @param scopeCheck whether unknown words send a confident first answer to the second model's out-of-scope verdict */
    public CascadePolicy(FittedRouting config, RoutingProperties.Defaults defaults, boolean scopeCheck) {
        this.config = config;
        this.defaults = defaults;
        this.scopeCheck = scopeCheck;
    }

    public boolean fitted() {
        return config != null;
    }

    public FittedRouting fittedRouting() {
        return config;
    }

    public String trainingLanguage() {
        return config == null ? null : config.trainingLanguage();
    }

    /** How the two models' answers are pooled when both were asked. */
    public Combiner.Pooling pooling() {
        return config == null ? new Combiner.Pooling(defaults.combination(), defaults.secondWeight())
                : new Combiner.Pooling(config.combination(), config.secondWeight());
    }

    public double reviewThreshold() {
        return config == null ? defaults.reviewThreshold() : config.reviewThreshold();
    }

    public Decision decide(String language, ComplexityFeatures features, double firstConfidence, FeedbackTrust trust) {
        if (!trust.secondTrusted()) {
            return new Decision(false, false, "feedback", trust.note());
        }
        if (!trust.firstTrusted()) {
            return new Decision(true, true, "feedback", trust.note());
        }
        String segment;
        double threshold;
        boolean useSecond;
        if (config == null) {
            segment = "defaults";
            threshold = defaults.threshold();
            useSecond = threshold > 0;
        } else {
            Map.Entry<String, FittedRouting.Segment> entry = config.segmentFor(language, features.hard(config.complexity()));
            if (entry == null) {
                segment = "defaults";
                threshold = defaults.threshold();
                useSecond = threshold > 0;
            } else {
                segment = entry.getKey();
                threshold = entry.getValue().threshold();
                useSecond = entry.getValue().useSecond();
            }
        }
        String prefix = config == null ? "no router config (defaults): " : "";
        if (!useSecond) {
            return new Decision(false, false, segment, prefix + (config == null
                    ? "first model only"
                    : "second model did not help on " + segment + " in validation, first model only"));
        }
        if (firstConfidence >= threshold) {
            String reason = String.format(Locale.ROOT, "%sfirst model confident: %.3f >= %.3f (%s)", prefix, firstConfidence,
                    threshold, segment);
            boolean unknownWords = scopeCheck && config != null && config.complexity() != null && features.oovRate() != null
                    && features.oovRate() > config.complexity().maxOovRate();
            return unknownWords
                    ? new Decision(false, false, segment, String.format(Locale.ROOT,
                            "%s; unknown words (oov_rate %.2f > %.2f): second model's out-of-scope verdict", reason,
                            features.oovRate(), config.complexity().maxOovRate()), null, true)
                    : new Decision(false, false, segment, reason);
        }
        return new Decision(true, false, segment, String.format(Locale.ROOT,
                "%sfirst model unsure: %.3f < %.3f (%s), pooled with second", prefix, firstConfidence, threshold, segment));
    }
}

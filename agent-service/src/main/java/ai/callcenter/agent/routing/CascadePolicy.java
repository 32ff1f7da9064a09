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
     */
    public record Decision(boolean consultSecond, boolean secondOnly, String segment, String reason, String reviewNote) {

        public Decision(boolean consultSecond, boolean secondOnly, String segment, String reason) {
            this(consultSecond, secondOnly, segment, reason, null);
        }

        public Decision withReviewNote(String note) {
            return new Decision(consultSecond, secondOnly, segment, reason, note);
        }
    }

    private final FittedRouting config;
    private final RoutingProperties.Defaults defaults;

    /** @param config the fitted config, or null to run on the documented defaults */
    public CascadePolicy(FittedRouting config, RoutingProperties.Defaults defaults) {
        this.config = config;
        this.defaults = defaults;
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
            return new Decision(false, false, segment, String.format(Locale.ROOT,
                    "%sfirst model confident: %.3f >= %.3f (%s)", prefix, firstConfidence, threshold, segment));
        }
        return new Decision(true, false, segment, String.format(Locale.ROOT,
                "%sfirst model unsure: %.3f < %.3f (%s), pooled with second", prefix, firstConfidence, threshold, segment));
    }
}

package ai.callcenter.agent.routing;

import ai.callcenter.agent.feedback.RollingAccuracy;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether feedback says to stop trusting one of the two models for a language: a model is
 * distrusted when both have enough outcomes and it trails the other by more than the margin.
 *
 * @param firstTrusted  false: send every ticket of this language to the second model
 * @param secondTrusted false: never consult the second model for this language
 * @param note          why, for {@code route_reason}; empty when both are trusted
 */
public record FeedbackTrust(boolean firstTrusted, boolean secondTrusted, String note) {

    public static final FeedbackTrust BOTH = new FeedbackTrust(true, true, "");

    public static FeedbackTrust judge(Optional<RollingAccuracy> first, Optional<RollingAccuracy> second,
                              RoutingProperties.TrustSettings settings, String firstName, String secondName, String language) {
        if (first.isEmpty() || second.isEmpty()
                || first.get().total() < settings.minSamples() || second.get().total() < settings.minSamples()) {
            return BOTH;
        }
        double a1 = first.get().accuracy();
        double a2 = second.get().accuracy();
        if (a2 < a1 - settings.margin()) {
            return new FeedbackTrust(true, false, String.format(Locale.ROOT, "feedback: %s %.3f < %s %.3f on %s, %s not trusted",
                    secondName, a2, firstName, a1, language, secondName));
        }
        if (a1 < a2 - settings.margin()) {
            return new FeedbackTrust(false, true, String.format(Locale.ROOT, "feedback: %s %.3f < %s %.3f on %s, %s not trusted",
                    firstName, a1, secondName, a2, language, firstName));
        }
        return BOTH;
    }
}

package ai.callcenter.agent.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callcenter.routing.*}.
 *
 * @param config   path of the fitted routing JSON written by {@code fit-router}; blank = defaults
 * @param defaults the policy used without a fitted routing
 * @param trust    when feedback-measured accuracy overrides the fitted policy
 * @param scopeCheck with a fitted routing, a ticket the first model answers confidently despite words it has never
 *                  seen (more than the fitted bound) also goes to the second model for its out-of-scope verdict
 */
@ConfigurationProperties("callcenter.routing")
public record RoutingProperties(String config, Defaults defaults, TrustSettings trust, boolean scopeCheck) {

    /**
     * @param threshold       first-model confidence below which the second model is consulted
     * @param secondWeight    weight of the second model's distribution when both answered
     * @param combination     how the two distributions are pooled
     * @param reviewThreshold final confidence below which {@code needs_review} is set
     */
    public record Defaults(double threshold, double secondWeight, Combiner.Rule combination, double reviewThreshold) {
    }

    /**
     * @param minSamples  feedback outcomes needed per model and language before they count
     * @param margin      accuracy gap by which a model must trail the other to stop being trusted
     */
    public record TrustSettings(int minSamples, double margin) {
    }
}

package ai.callcenter.tools.routing;

import ai.callcenter.agent.routing.CascadePolicy;
import ai.callcenter.agent.routing.ComplexityFeatures;
import ai.callcenter.api.ClassifierResponse;

/**
 * One labelled validation ticket with both models' answers, as fit-router and evaluate-router see it.
 *
 * @param second        null when the second model was not asked
 * @param languageRoute the agent's decision from the ticket's language alone (the first model was not trained on
 *                      it, the second reads it), which comes before the cascade; null when the cascade decides
 */
public record RoutingSample(String label, String language, ComplexityFeatures features, ClassifierResponse first,
                            ClassifierResponse second, CascadePolicy.Decision languageRoute) {

    public RoutingSample(String label, String language, ComplexityFeatures features, ClassifierResponse first,
                         ClassifierResponse second) {
        this(label, language, features, first, second, null);
    }
}

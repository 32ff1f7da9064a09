package ai.callcenter.tools.routing;

import ai.callcenter.agent.routing.ComplexityFeatures;
import ai.callcenter.api.ClassifierResponse;

/**
 * One labelled validation ticket with both models' answers, as fit-router and evaluate-router see it.
 *
 * @param second null when the second model was not asked
 */
public record RoutingSample(String label, String language, ComplexityFeatures features, ClassifierResponse first,
                            ClassifierResponse second) {
}

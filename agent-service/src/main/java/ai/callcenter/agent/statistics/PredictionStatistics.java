package ai.callcenter.agent.statistics;

import ai.callcenter.api.AgentResponse;

/**
 * What the request path tells the statistics: each answer and each feedback outcome. Recording only
 * adds to counters of the current window; MLflow is never called from here.
 */
public interface PredictionStatistics {

    /** Statistics turned off (no MLFLOW_TRACKING_URI): nothing is recorded. */
    PredictionStatistics OFF = new PredictionStatistics() {
        @Override
        public void answered(AgentResponse answer, String route, double seconds) {
        }

        @Override
        public void feedback(boolean correct) {
        }
    };

    /** @param route how the answer was reached (cache, first, second, cascade); {@code seconds} the request's time in the agent */
    void answered(AgentResponse answer, String route, double seconds);

    void feedback(boolean correct);
}

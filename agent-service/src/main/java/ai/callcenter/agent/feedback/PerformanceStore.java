package ai.callcenter.agent.feedback;

import java.util.Map;
import java.util.Optional;

/** Per-ticket traces and rolling per-model, per-language accuracy from feedback. */
public interface PerformanceStore {

    /** Model name of the agent's own final answer in outcome counts. */
    String AGENT = "agent";

    void saveTrace(String ticketId, PredictionTrace trace);

    Optional<PredictionTrace> trace(String ticketId);

    void recordOutcome(String model, String language, boolean correct);

    Optional<RollingAccuracy> accuracy(String model, String language);

    /** Every known accuracy keyed {@code model:language}. */
    Map<String, RollingAccuracy> snapshot();

    String backend();
}

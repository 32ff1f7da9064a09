package ai.callcenter.agent.arbitration;

import ai.callcenter.api.ScoredCategory;
import java.util.List;

/** Arbitrates an ambiguous ticket between candidate categories. */
public interface LlmArbiter {

    /** The outcome of one arbitration: the chosen category, or why none was chosen. */
    record Verdict(String category, String outcome) {

        /** The LLM named one of the candidates. */
        public static final String CHOSEN = "chosen";
        /** It answered something that is not a candidate: the cascade answer stands. */
        public static final String GARBAGE = "garbage";
        /** The call failed (timeout, HTTP error): the cascade answer stands. */
        public static final String ERROR = "error";
        /** The circuit breaker skipped the call after recent failures. */
        public static final String CIRCUIT_OPEN = "circuit_open";
        /** Every outcome, a closed set (the agent_llm_calls_total{outcome} values). */
        public static final List<String> OUTCOMES = List.of(CHOSEN, GARBAGE, ERROR, CIRCUIT_OPEN);

        public boolean chosen() {
            return category != null;
        }
    }

    /** @param scrubbedText the ticket with personal data already removed */
    Verdict choose(String scrubbedText, List<ScoredCategory> candidates);

    /** Whether a ticket whose final scores look like this should be arbitrated. */
    boolean ambiguous(List<ScoredCategory> ranked);
}

package ai.callcenter.agent.arbitration;

import ai.callcenter.api.ScoredCategory;
import java.util.List;

/** Arbitrates an ambiguous ticket between candidate categories. */
public interface LlmArbiter {

    /** The outcome of one arbitration: the chosen category, or why none was chosen. */
    record Verdict(String category, String outcome) {

        public boolean chosen() {
            return category != null;
        }
    }

    /** @param scrubbedText the ticket with personal data already removed */
    Verdict choose(String scrubbedText, List<ScoredCategory> candidates);

    /** Whether a ticket whose final scores look like this should be arbitrated. */
    boolean ambiguous(List<ScoredCategory> ranked);
}

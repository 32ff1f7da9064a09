package ai.callcenter.agent.pii;

import java.util.List;

/** Finds one family of personal data in a text. Implementations are stateless and thread-safe. */
public interface Recognizer {

    /** Every occurrence found, in any order; spans may overlap, the scrubber resolves that. */
    List<PiiSpan> find(String text);
}

package ai.callcenter.agent.pii;

import java.util.List;
import java.util.Set;

/**
 * Outcome of scrubbing: the text with every detected value replaced by its placeholder, the
 * types found, and the accepted (non-overlapping, sorted) spans in the ORIGINAL text's offsets.
 */
public record ScrubResult(String text, Set<PiiType> types, List<PiiSpan> spans) {

    public ScrubResult {
        types = Set.copyOf(types);
        spans = List.copyOf(spans);
    }

    public boolean found() {
        return !spans.isEmpty();
    }

    /** Safe to log: types and counts only, never values. */
    @Override
    public String toString() {
        return "ScrubResult[types=" + types + ", spans=" + spans.size() + "]";
    }
}

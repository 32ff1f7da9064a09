package ai.callcenter.agent.pii;

/**
 * A detected piece of personal data: its type and character offsets [start, end) in the input.
 * It deliberately holds no copy of the value, so logging a span never leaks the value.
 */
public record PiiSpan(PiiType type, int start, int end) {

    public PiiSpan {
        if (type == null || start < 0 || end <= start) {
            throw new IllegalArgumentException("invalid span " + type + " [" + start + "," + end + ")");
        }
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(PiiSpan other) {
        return start < other.end && other.start < end;
    }
}

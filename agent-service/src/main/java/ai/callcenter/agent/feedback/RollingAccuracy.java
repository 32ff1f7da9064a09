package ai.callcenter.agent.feedback;

/** Feedback-measured accuracy of one model on one language over the last {@code total} outcomes. */
public record RollingAccuracy(long correct, long total) {

    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }
}

package ai.callcenter.ml.dataset;

/** One training or test example: a ticket text and its true category. */
public record LabeledText(String text, String label) {
}

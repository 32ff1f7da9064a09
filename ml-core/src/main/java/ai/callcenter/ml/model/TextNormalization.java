package ai.callcenter.ml.model;

import java.text.Normalizer;
import java.util.regex.Pattern;

public final class TextNormalization {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private TextNormalization() {
    }

    /** Unicode NFKC, runs of whitespace to one space, trimmed. */
    public static String collapseWhitespace(String text) {
        return WHITESPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll(" ").strip();
    }
}

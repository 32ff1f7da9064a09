package ai.callcenter.tfidf.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Splits text into the terms the vectorizer counts: word n-grams, and character n-grams taken
 * inside each word padded with spaces (scikit-learn's {@code char_wb}), which tolerate typos and
 * inflections that word features miss.
 */
public final class TextAnalyzer {

    private final FeatureParams params;

    public TextAnalyzer(FeatureParams params) {
        this.params = params;
    }

    /** Lower-cased runs of letters and digits; apostrophes inside a word are kept ("can't"). */
    public static List<String> words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean inWord = Character.isLetterOrDigit(c)
                    || (c == '\'' && start >= 0 && i + 1 < lower.length() && Character.isLetterOrDigit(lower.charAt(i + 1)));
            if (inWord) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                words.add(lower.substring(start, i));
                start = -1;
            }
        }
        if (start >= 0) {
            words.add(lower.substring(start));
        }
        return words;
    }

    public void wordTerms(List<String> words, Consumer<String> sink) {
        for (int n = params.wordNgramMin(); n <= params.wordNgramMax(); n++) {
            for (int i = 0; i + n <= words.size(); i++) {
                sink.accept(n == 1 ? words.get(i) : String.join(" ", words.subList(i, i + n)));
            }
        }
    }

    public void charTerms(List<String> words, Consumer<String> sink) {
        for (String word : words) {
            String padded = " " + word + " ";
            for (int n = params.charNgramMin(); n <= params.charNgramMax(); n++) {
                if (n > padded.length()) {
                    break;
                }
                for (int i = 0; i + n <= padded.length(); i++) {
                    sink.accept(padded.substring(i, i + n));
                }
            }
        }
    }
}

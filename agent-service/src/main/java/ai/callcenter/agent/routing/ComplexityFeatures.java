package ai.callcenter.agent.routing;

import java.util.regex.Pattern;

/**
 * What makes a ticket hard for the first model, computed on the scrubbed text.
 *
 * @param tokens          whitespace-separated words (placeholders such as {@code <EMAIL>} count as one)
 * @param digitRatio      digits among non-space characters (order numbers, amounts, codes)
 * @param symbolRatio     characters that are neither letters, digits nor spaces, placeholders excluded
 * @param oovRate         share of words outside the first model's vocabulary when the service reports it, else null
 * @param foreignLanguage the detected language differs from the language the router was fitted on
 */
public record ComplexityFeatures(int tokens, double digitRatio, double symbolRatio, Double oovRate, boolean foreignLanguage) {

    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z_]+>");

    public static ComplexityFeatures of(String scrubbedText, String language, String trainingLanguage, Double oovRate) {
        String text = scrubbedText == null ? "" : scrubbedText;
        String strippedText = PLACEHOLDER.matcher(text).replaceAll(" ");
        int tokens = text.isBlank() ? 0 : text.trim().split("\\s+").length;
        int visible = 0;
        int digits = 0;
        int symbols = 0;
        for (int i = 0; i < strippedText.length(); ) {
            int cp = strippedText.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                continue;
            }
            visible++;
            if (Character.isDigit(cp)) {
                digits++;
            } else if (!Character.isLetter(cp)) {
                symbols++;
            }
        }
        boolean foreign = trainingLanguage != null && language != null && !"und".equals(language)
                && !trainingLanguage.equals(language);
        return new ComplexityFeatures(tokens, visible == 0 ? 0 : (double) digits / visible,
                visible == 0 ? 0 : (double) symbols / visible, oovRate, foreign);
    }

    /**
     * A ticket is "hard" when any feature is beyond the fitted bound; hard tickets get their own
     * cascade threshold, because the first model's confidence is less reliable on them.
     */
    public boolean hard(FittedRouting.Complexity bounds) {
        if (bounds == null) {
            return foreignLanguage;
        }
        return foreignLanguage
                || tokens < bounds.minTokens()
                || digitRatio + symbolRatio > bounds.maxNonLetterRatio()
                || (oovRate != null && oovRate > bounds.maxOovRate());
    }
}

package ai.callcenter.agent.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a text's capitalisation can say anything about names. Many customers type without
 * capitalising names ("hi my name is john smith, i live at 12 oak street"), often with only the
 * first letter of each sentence capitalised by the phone. A name finder that learnt "names are
 * capitalised" misses most names and addresses in such text (docs/pii.md: held-out type-strict recall
 * 0.57 on the sentences lower-cased vs 0.93 as written), so those texts go to a model trained
 * on lower-cased sentences instead.
 */
public final class TextCasing {

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’]*");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?:\\n]");

    private TextCasing() {
    }

    /**
     * True when the text has lower-case letters and no capitalised word except at the start of a
     * sentence and the pronoun I ("I", "I'm", "I've"): its writer does not capitalise proper nouns.
     * Texts without any lower-case letter (all capitals, scripts without case) are not caseless in
     * this sense: there is no evidence either way, and the cased model stays in charge of them.
     */
    public static boolean writesNamesInLowerCase(String text) {
        if (text == null || text.codePoints().noneMatch(Character::isLowerCase)) {
            return false;
        }
        Matcher m = WORD.matcher(text);
        Matcher sentenceEnd = SENTENCE_END.matcher(text);
        int previousEnd = 0;
        boolean sentenceStart = true;
        while (m.find()) {
            if (previousEnd > 0 && sentenceEnd.region(previousEnd, m.start()).find()) {
                sentenceStart = true;
            }
            String word = m.group();
            if (Character.isUpperCase(word.codePointAt(0)) && !sentenceStart && !isPronounI(word)) {
                return false;
            }
            sentenceStart = false;
            previousEnd = m.end();
        }
        return true;
    }

    private static boolean isPronounI(String word) {
        return word.equals("I") || word.startsWith("I'") || word.startsWith("I’");
    }
}

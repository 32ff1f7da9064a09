package ai.callcenter.agent.pii;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistical tier of the scrubber: the cased name finder for ordinary text, the caseless one
 * (trained on lower-cased sentences) for text whose writer does not capitalise names
 * ({@link TextCasing#writesNamesInLowerCase}). Without capitals the caseless model is sure of
 * addresses (numbers, street words) but takes ordinary words for names ("waiting", "automatically"),
 * so its PERSON spans are kept only when one of their words is a gazetteer first or last name that
 * is not a common word; measured in docs/pii.md. The same filter applies to the cased model on text
 * whose function words are another Western language's ({@link ForeignText}): both models learnt
 * English sentences.
 * <p>The caseless model runs only on text that holds something it could report and the filter keep: a
 * gazetteer name that is not a common word (every PERSON span needs one), a digit or a street word (the
 * addresses it finds have one of them). Most tickets have neither, and the model is the scrubber's costliest
 * step.
 */
public final class CaseAwareNameFinder implements Recognizer {

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private final Recognizer cased;
    private final Recognizer caseless;
    private final NameGazetteer names;
    private final Set<String> commonWords;
    private final Set<String> streetWords;

    /**
     * @param streetWords lower-cased street-type words ("street", "rue"): with a digit, what makes text worth
     *                    the caseless model's look for an address
     */
    public CaseAwareNameFinder(Recognizer cased, Recognizer caseless, NameGazetteer names, Set<String> commonWords,
                               Set<String> streetWords) {
        this.cased = cased;
        this.caseless = caseless;
        this.names = names;
        this.commonWords = Set.copyOf(commonWords);
        this.streetWords = Set.copyOf(streetWords);
    }

    @Override
    public List<PiiSpan> find(String text) {
        if (!TextCasing.writesNamesInLowerCase(text)) {
            List<PiiSpan> spans = cased.find(text);
            // The stop-word count runs only when there is a name to doubt: most tickets have none.
            if (spans.stream().noneMatch(span -> span.type() == PiiType.PERSON) || !ForeignText.moreLikelyThanEnglish(text)) {
                return spans;
            }
            return knownNamesOnly(text, spans).stream()
                    .filter(span -> !ForeignText.personStartingWithForeignStopWord(text, span))
                    .toList();
        }
        return mayHoldNameOrAddress(text) ? knownNamesOnly(text, caseless.find(text)) : List.of();
    }

    /** Whether the text has a digit, a street word or a known name (see the class comment). */
    private boolean mayHoldNameOrAddress(String text) {
        if (text.chars().anyMatch(Character::isDigit)) {
            return true;
        }
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            String word = words.group();
            String lower = word.toLowerCase(Locale.ROOT);
            if (streetWords.contains(lower) || isKnownName(word, lower)) {
                return true;
            }
        }
        return false;
    }

    private List<PiiSpan> knownNamesOnly(String text, List<PiiSpan> spans) {
        return spans.stream()
                .filter(span -> span.type() != PiiType.PERSON || containsKnownName(text.substring(span.start(), span.end())))
                .toList();
    }

    private boolean containsKnownName(String spanText) {
        return WORD.matcher(spanText).results().map(MatchResult::group)
                .anyMatch(w -> isKnownName(w, w.toLowerCase(Locale.ROOT)));
    }

    private boolean isKnownName(String word, String lower) {
        return !commonWords.contains(lower) && names.isName(word);
    }
}

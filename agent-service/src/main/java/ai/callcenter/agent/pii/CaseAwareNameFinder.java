package ai.callcenter.agent.pii;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
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
 */
public final class CaseAwareNameFinder implements Recognizer {

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private final Recognizer cased;
    private final Recognizer caseless;
    private final NameGazetteer names;
    private final Set<String> commonWords;

    public CaseAwareNameFinder(Recognizer cased, Recognizer caseless, NameGazetteer names, Set<String> commonWords) {
        this.cased = cased;
        this.caseless = caseless;
        this.names = names;
        this.commonWords = Set.copyOf(commonWords);
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
        return knownNamesOnly(text, caseless.find(text));
    }

    private List<PiiSpan> knownNamesOnly(String text, List<PiiSpan> spans) {
        return spans.stream()
                .filter(span -> span.type() != PiiType.PERSON || containsKnownName(text.substring(span.start(), span.end())))
                .toList();
    }

    private boolean containsKnownName(String spanText) {
        return WORD.matcher(spanText).results().map(MatchResult::group)
                .anyMatch(w -> names.isName(w) && !commonWords.contains(w.toLowerCase(Locale.ROOT)));
    }
}

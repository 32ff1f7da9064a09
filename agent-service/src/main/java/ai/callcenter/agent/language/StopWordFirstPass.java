package ai.callcenter.agent.language;

import com.github.pemistahl.lingua.api.Language;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Settles the clear cases before lingua: a text in which enough different words are stop words of exactly one
 * of the configured {@link SnowballStopWords} languages (words on two configured lists count for
 * neither), none is a stop word of only another one, and every letter belongs to that language's
 * alphabet (so Danish, Norwegian or Swedish letters, or a script without Latin letters, always go to
 * lingua). lingua's n-gram scoring costs a few hundred microseconds per ticket; most tickets are
 * ordinary sentences of these languages, whose function words give them away. Different words, not
 * occurrences: "ad ... ad ... ad" (Active Directory) or Romanian "si ... si" are not three Italian stop
 * words. Accuracy kept on xSID and the share settled: docs/language.md.
 */
final class StopWordFirstPass {

    /** Letters besides a-z that each language's ordinary words use. */
    private static final Map<Language, String> EXTRA_LETTERS = Map.of(
            Language.ENGLISH, "",
            Language.GERMAN, "äöüß",
            Language.DUTCH, "éëïóöüèáú",
            Language.FRENCH, "àâæçéèêëîïôœùûüÿ",
            Language.ITALIAN, "àèéìíîòóùú",
            Language.SPANISH, "áéíñóúü",
            Language.PORTUGUESE, "ãõáâàçéêíóôúü");

    private final List<Language> candidates;
    private final int minStopWords;
    private final double minShare;

    /**
     * @param configured   the detector's languages: only these can be answered, and only their lists count
     * @param minStopWords fewest different stop words of the language the text must hold
     * @param minShare     smallest share of the text's words they must be
     */
    StopWordFirstPass(List<Language> configured, int minStopWords, double minShare) {
        if (minStopWords < 1 || minShare < 0 || minShare > 1) {
            throw new IllegalArgumentException("min stop words must be positive and the share within [0, 1]");
        }
        this.candidates = configured.stream().filter(SnowballStopWords.languages()::contains).toList();
        this.minStopWords = minStopWords;
        this.minShare = minShare;
    }

    /** The language the stop words settle, or null when lingua must decide. */
    Language settle(String text) {
        if (candidates.isEmpty()) {
            return null;
        }
        List<String> words = words(text);
        if (words == null || words.size() < minStopWords) {
            return null;
        }
        Map<Language, Integer> hits = new EnumMap<>(Language.class);
        Set<String> counted = new HashSet<>();
        for (String word : words) {
            if (!counted.add(word)) {
                continue;
            }
            Language only = null;
            for (Language language : candidates) {
                if (SnowballStopWords.contains(language, word)) {
                    if (only != null) {
                        only = null;
                        break;
                    }
                    only = language;
                }
            }
            if (only != null) {
                hits.merge(only, 1, Integer::sum);
            }
        }
        if (hits.size() != 1) {
            return null;
        }
        Map.Entry<Language, Integer> best = hits.entrySet().iterator().next();
        if (best.getValue() < minStopWords || best.getValue() < minShare * words.size()
                || !inAlphabet(text, EXTRA_LETTERS.get(best.getKey()))) {
            return null;
        }
        return best.getKey();
    }

    /** Lower-cased runs of letters; null when the text has a letter outside the Latin script's a-z and its accents. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            if (Character.isLetter(c)) {
                if (c > 'z' && Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN) {
                    return null;
                }
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                words.add(lower.substring(start, i));
                start = -1;
            }
        }
        return words;
    }

    private static boolean inAlphabet(String text, String extraLetters) {
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (Character.isLetter(c) && (c < 'a' || c > 'z') && extraLetters.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}

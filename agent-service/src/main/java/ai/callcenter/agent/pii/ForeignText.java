package ai.callcenter.agent.pii;

import ai.callcenter.agent.language.SnowballStopWords;
import com.github.pemistahl.lingua.api.Language;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a text's function words say it is German, Dutch, French, Italian, Spanish or Portuguese
 * rather than English. The name finders learnt English sentences; on those languages they take
 * capitalised nouns and sentence-initial words for names ("Die &lt;PERSON&gt; ist noch nicht da" for
 * "Die Karte…", "&lt;PERSON&gt; tarjeta no ha llegado" for "Mi tarjeta…"). Scrubbing runs before language
 * detection, so this cheap check (Snowball stop words, {@link SnowballStopWords}) stands in for it.
 */
final class ForeignText {

    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    /**
     * How many more stop words of its own another language needs than English. With a lead of one, 56 of
     * the 1,500 English presidio sentences counted as foreign ("… and i'm 31 y/o": Spanish "y", "o").
     */
    private static final int LEAD_OVER_ENGLISH = 2;
    /** Longest run of lower-case particles inside a name or address ("Chiclana de la Frontera"). */
    private static final int MAX_PARTICLES = 3;

    private ForeignText() {
    }

    /** A PERSON span of the text whose first word is a stop word of another language and not of English. */
    static boolean personStartingWithForeignStopWord(String text, PiiSpan span) {
        return span.type() == PiiType.PERSON && startsWithForeignStopWord(text.substring(span.start(), span.end()));
    }

    /** True when the span's first word is a stop word of another language and not of English. */
    static boolean startsWithForeignStopWord(String span) {
        Matcher m = WORD.matcher(span.toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return false;
        }
        String first = m.group();
        return !SnowballStopWords.contains(Language.ENGLISH, first)
                && SnowballStopWords.languages().stream().anyMatch(l -> SnowballStopWords.contains(l, first));
    }

    /**
     * True when some other language has at least {@link #LEAD_OVER_ENGLISH} more stop words of its own than
     * English. Capitalised words other than the first are left out (a Spanish-speaking "Ella" is also an
     * English name), and so are short runs of lower-case words between capitalised ones: they are name
     * particles ("Rue de Tanger", "Maika van de Noort"), which English text quotes in names and addresses.
     */
    static boolean moreLikelyThanEnglish(String text) {
        List<String> words = WORD.matcher(text).results().map(MatchResult::group).toList();
        boolean[] particle = nameParticles(words);
        int english = 0;
        int[] others = new int[Language.values().length];
        for (int i = 0; i < words.size(); i++) {
            if (particle[i] || i > 0 && capitalised(words.get(i))) {
                continue;
            }
            String w = words.get(i).toLowerCase(Locale.ROOT);
            boolean isEnglish = SnowballStopWords.contains(Language.ENGLISH, w);
            boolean elsewhere = false;
            for (Language l : SnowballStopWords.languages()) {
                if (l != Language.ENGLISH && SnowballStopWords.contains(l, w)) {
                    elsewhere = true;
                    if (!isEnglish) {
                        others[l.ordinal()]++;
                    }
                }
            }
            if (isEnglish && !elsewhere) {
                english++;
            }
        }
        for (int n : others) {
            if (n >= english + LEAD_OVER_ENGLISH) {
                return true;
            }
        }
        return false;
    }

    /** Marks the lower-case words in runs of at most {@link #MAX_PARTICLES} between capitalised words ("van de"). */
    private static boolean[] nameParticles(List<String> words) {
        boolean[] particle = new boolean[words.size()];
        int lastCapital = -1;
        for (int i = 0; i < words.size(); i++) {
            if (capitalised(words.get(i))) {
                int run = i - lastCapital - 1;
                if (lastCapital >= 0 && run <= MAX_PARTICLES) {
                    Arrays.fill(particle, lastCapital + 1, i, true);
                }
                lastCapital = i;
            }
        }
        return particle;
    }

    private static boolean capitalised(String word) {
        return Character.isUpperCase(word.codePointAt(0));
    }
}

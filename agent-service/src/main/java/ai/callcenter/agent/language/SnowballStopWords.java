package ai.callcenter.agent.language;

import com.github.pemistahl.lingua.api.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;

/**
 * The Snowball project's stop-word lists of seven Western European languages, as Lucene ships them
 * (lucene-analysis-common, Apache-2.0): general function-word vocabulary, not written from any
 * evaluation data. Used by the language rules ({@link StopWordVote}) and by the PII scrubber.
 */
public final class SnowballStopWords {

    /** Lucene's resource names of the lists, next to {@link SnowballFilter}. */
    private static final Map<Language, String> LISTS = Map.of(
            Language.ENGLISH, "english_stop.txt", Language.GERMAN, "german_stop.txt", Language.DUTCH, "dutch_stop.txt",
            Language.FRENCH, "french_stop.txt", Language.ITALIAN, "italian_stop.txt", Language.SPANISH, "spanish_stop.txt",
            Language.PORTUGUESE, "portuguese_stop.txt");
    private static final Map<Language, CharArraySet> SETS = load();

    private SnowballStopWords() {
    }

    /** The languages with a list. */
    public static Set<Language> languages() {
        return SETS.keySet();
    }

    /** True when the lower-case word is on the language's list (false for a language without one). */
    public static boolean contains(Language language, String lowerCaseWord) {
        CharArraySet set = SETS.get(language);
        return set != null && set.contains(lowerCaseWord);
    }

    private static Map<Language, CharArraySet> load() {
        Map<Language, CharArraySet> sets = new EnumMap<>(Language.class);
        LISTS.forEach((language, resource) -> {
            try (InputStream in = SnowballFilter.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Lucene stop-word list missing from the classpath: " + resource);
                }
                sets.put(language, WordlistLoader.getSnowballWordSet(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return sets;
    }
}

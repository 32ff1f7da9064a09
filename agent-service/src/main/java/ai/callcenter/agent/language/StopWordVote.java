package ai.callcenter.agent.language;

import com.github.pemistahl.lingua.api.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;

/**
 * Separates English, German, Dutch, French, Italian, Spanish and Portuguese when lingua finds two of
 * them almost equally likely, by their function words. Short commands share most character n-grams
 * across these languages ("mostrami i miei promemoria" scored Spanish, "Will it be chillier in La
 * Mesa" German), but their stop words rarely coincide. The lists are the Snowball project's stop-word
 * lists as Lucene ships them (general vocabulary, not chosen from evaluation data); a word counts for a
 * candidate only when no other candidate's list has it.
 */
final class StopWordVote {

    /** Lucene's resource names of the Snowball lists, next to {@link SnowballFilter}. */
    private static final Map<Language, String> LISTS = Map.of(
            Language.ENGLISH, "english_stop.txt", Language.GERMAN, "german_stop.txt", Language.DUTCH, "dutch_stop.txt",
            Language.FRENCH, "french_stop.txt", Language.ITALIAN, "italian_stop.txt", Language.SPANISH, "spanish_stop.txt",
            Language.PORTUGUESE, "portuguese_stop.txt");
    private static final Map<Language, CharArraySet> STOP_WORDS = load();
    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private StopWordVote() {
    }

    /** Whether the vote can take part for this language. */
    static boolean covers(Language language) {
        return STOP_WORDS.containsKey(language);
    }

    /**
     * The candidates with the most stop words that no other candidate's list has (empty when no
     * candidate has any), in the order given.
     */
    static List<Language> best(String text, List<Language> candidates) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        Map<Language, Integer> hits = new EnumMap<>(Language.class);
        for (Language candidate : candidates) {
            int n = 0;
            for (String w : words) {
                if (STOP_WORDS.get(candidate).contains(w) && candidates.stream()
                        .noneMatch(other -> other != candidate && STOP_WORDS.get(other).contains(w))) {
                    n++;
                }
            }
            hits.put(candidate, n);
        }
        int top = hits.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return top == 0 ? List.of() : candidates.stream().filter(c -> hits.get(c) == top).toList();
    }

    private static Map<Language, CharArraySet> load() {
        Map<Language, CharArraySet> sets = new EnumMap<>(Language.class);
        LISTS.forEach((language, resource) -> {
            try (InputStream in = SnowballFilter.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Lucene stop-word list missing from the classpath: " + resource);
                }
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                sets.put(language, WordlistLoader.getSnowballWordSet(reader));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return sets;
    }

    /** The languages the vote covers (for documentation and tests). */
    static Set<Language> languages() {
        return STOP_WORDS.keySet();
    }
}

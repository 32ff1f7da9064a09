package ai.callcenter.agent.language;

import com.github.pemistahl.lingua.api.Language;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Separates English, German, Dutch, French, Italian, Spanish and Portuguese when lingua finds two of
 * them almost equally likely, by their function words. Short commands share most character n-grams
 * across these languages ("mostrami i miei promemoria" scored Spanish, "Will it be chillier in La
 * Mesa" German), but their stop words rarely coincide. The lists are {@link SnowballStopWords}; a word
 * counts for a candidate only when no other candidate's list has it.
 */
final class StopWordVote {

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private StopWordVote() {
    }

    /** Whether the vote can take part for this language. */
    static boolean covers(Language language) {
        return SnowballStopWords.languages().contains(language);
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
                if (SnowballStopWords.contains(candidate, w) && candidates.stream()
                        .noneMatch(other -> other != candidate && SnowballStopWords.contains(other, w))) {
                    n++;
                }
            }
            hits.put(candidate, n);
        }
        int top = hits.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return top == 0 ? List.of() : candidates.stream().filter(c -> hits.get(c) == top).toList();
    }
}

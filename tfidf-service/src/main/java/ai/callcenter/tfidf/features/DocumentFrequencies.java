package ai.callcenter.tfidf.features;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * In how many documents of a corpus each word and character term occurs: what a vocabulary is built
 * from. Counts of disjoint corpora add up, so a trainer that needs the vocabulary of the training
 * part and of the whole counts each document once ({@link #plus}, {@link #minus}).
 *
 * @param words     document frequency of every word n-gram
 * @param chars     document frequency of every character n-gram
 * @param documents number of documents counted
 */
public record DocumentFrequencies(Map<String, Integer> words, Map<String, Integer> chars, int documents) {

    public static DocumentFrequencies count(List<String> texts, FeatureParams params) {
        TextAnalyzer analyzer = new TextAnalyzer(params);
        return new DocumentFrequencies(count(texts, analyzer::wordTerms), count(texts, analyzer::charTerms), texts.size());
    }

    /** The counts of this corpus and another one with no document in common. */
    public DocumentFrequencies plus(DocumentFrequencies other) {
        return new DocumentFrequencies(merge(words, other.words, 1), merge(chars, other.chars, 1), documents + other.documents);
    }

    /** The counts of this corpus without {@code part}, a subset of its documents. */
    public DocumentFrequencies minus(DocumentFrequencies part) {
        return new DocumentFrequencies(merge(words, part.words, -1), merge(chars, part.chars, -1), documents - part.documents);
    }

    private static Map<String, Integer> merge(Map<String, Integer> base, Map<String, Integer> other, int sign) {
        Map<String, Integer> merged = new HashMap<>(base);
        other.forEach((term, count) -> merged.merge(term, sign * count, (a, b) -> a + b == 0 ? null : a + b));
        return merged;
    }

    private static Map<String, Integer> count(List<String> texts, BiConsumer<List<String>, Consumer<String>> terms) {
        // Each worker counts a slice of the corpus into its own map; merging afterwards avoids contention.
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        int slice = (texts.size() + workers - 1) / workers;
        List<Map<String, Integer>> partial = IntStream.range(0, workers).parallel()
                .mapToObj(w -> {
                    Map<String, Integer> df = new HashMap<>();
                    Set<String> seen = new HashSet<>();
                    for (int d = w * slice; d < Math.min(texts.size(), (w + 1) * slice); d++) {
                        seen.clear();
                        terms.accept(TextAnalyzer.words(texts.get(d)), seen::add);
                        for (String term : seen) {
                            df.merge(term, 1, Integer::sum);
                        }
                    }
                    return df;
                })
                .toList();
        Map<String, Integer> merged = new HashMap<>(partial.get(0));
        for (int w = 1; w < partial.size(); w++) {
            partial.get(w).forEach((term, count) -> merged.merge(term, count, Integer::sum));
        }
        return merged;
    }
}

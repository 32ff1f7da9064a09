package ai.callcenter.tfidf.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TF-IDF over two blocks, word n-grams then character n-grams. Each block is L2-normalised on its
 * own before the two are joined, so neither drowns the other just by having more terms.
 */
public final class TfidfVectorizer {

    /** Terms of one block and their inverse document frequencies; indices are block-local. */
    public record Vocabulary(List<String> terms, float[] idf) {

        Map<String, Integer> index() {
            Map<String, Integer> index = new HashMap<>(terms.size() * 2);
            for (int i = 0; i < terms.size(); i++) {
                index.put(terms.get(i), i);
            }
            return index;
        }
    }

    private final FeatureParams params;
    private final TextAnalyzer analyzer;
    private final Vocabulary words;
    private final Vocabulary chars;
    private final Map<String, Integer> wordIndex;
    private final Map<String, Integer> charIndex;

    public TfidfVectorizer(FeatureParams params, Vocabulary words, Vocabulary chars) {
        this.params = params;
        this.analyzer = new TextAnalyzer(params);
        this.words = words;
        this.chars = chars;
        this.wordIndex = words.index();
        this.charIndex = chars.index();
    }

    public static TfidfVectorizer fit(List<String> texts, FeatureParams params) {
        return fit(DocumentFrequencies.count(texts, params), params);
    }

    /** @param counts document frequencies counted with the same n-gram ranges as {@code params} */
    public static TfidfVectorizer fit(DocumentFrequencies counts, FeatureParams params) {
        return new TfidfVectorizer(params,
                vocabulary(counts.words(), counts.documents(), params),
                vocabulary(counts.chars(), counts.documents(), params));
    }

    /** The same vocabulary weighted differently: lets a search try weightings without recounting terms. */
    public TfidfVectorizer withWeighting(boolean useIdf, double charWeight) {
        return new TfidfVectorizer(params.withWeighting(useIdf, charWeight), words, chars);
    }

    public FeatureParams params() {
        return params;
    }

    public Vocabulary words() {
        return words;
    }

    public Vocabulary chars() {
        return chars;
    }

    public int dimension() {
        return words.terms().size() + chars.terms().size();
    }

    /** The share of the text's word tokens that the vocabulary has never seen (the agent's OOV rate). */
    public double outOfVocabularyRate(String text) {
        List<String> tokens = TextAnalyzer.words(text);
        if (tokens.isEmpty()) {
            return 1.0;
        }
        return (double) tokens.stream().filter(t -> !wordIndex.containsKey(t)).count() / tokens.size();
    }

    public SparseVector transform(String text) {
        List<String> tokens = TextAnalyzer.words(text);
        IntList wordHits = new IntList();
        analyzer.wordTerms(tokens, term -> addIfKnown(wordIndex, term, 0, wordHits));
        IntList charHits = new IntList();
        int charOffset = words.terms().size();
        analyzer.charTerms(tokens, term -> addIfKnown(charIndex, term, charOffset, charHits));
        int[] wordIds = wordHits.sortedCopy();
        int[] charIds = charHits.sortedCopy();
        IntList indices = new IntList();
        float[] values = new float[wordIds.length + charIds.length];
        int wordCount = weighBlock(wordIds, words.idf(), 0, 1.0, indices, values, 0);
        weighBlock(charIds, chars.idf(), charOffset, params.charWeight(), indices, values, wordCount);
        return new SparseVector(indices.toArray(), Arrays.copyOf(values, indices.size()));
    }

    private static void addIfKnown(Map<String, Integer> index, String term, int offset, IntList hits) {
        Integer id = index.get(term);
        if (id != null) {
            hits.add(id + offset);
        }
    }

    /** Turns sorted term ids (with repeats) into L2-normalised tf-idf weights; returns entries written. */
    private int weighBlock(int[] ids, float[] idf, int offset, double blockWeight, IntList indices, float[] values, int start) {
        int written = 0;
        double sumSquares = 0;
        for (int i = 0; i < ids.length; ) {
            int j = i;
            while (j < ids.length && ids[j] == ids[i]) {
                j++;
            }
            int count = j - i;
            double tf = params.sublinearTf() ? 1 + Math.log(count) : count;
            double weight = params.useIdf() ? tf * idf[ids[i] - offset] : tf;
            indices.add(ids[i]);
            values[start + written] = (float) weight;
            sumSquares += weight * weight;
            written++;
            i = j;
        }
        if (sumSquares > 0) {
            float scale = (float) (blockWeight / Math.sqrt(sumSquares));
            for (int k = start; k < start + written; k++) {
                values[k] *= scale;
            }
        }
        return written;
    }

    private static Vocabulary vocabulary(Map<String, Integer> df, int documents, FeatureParams params) {
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : df.entrySet()) {
            if (entry.getValue() >= params.minDf()) {
                kept.add(entry);
            }
        }
        // Most frequent first, ties by term, so the same data always gives the same vocabulary.
        kept.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        if (kept.size() > params.maxFeatures()) {
            kept = kept.subList(0, params.maxFeatures());
        }
        List<String> terms = new ArrayList<>(kept.size());
        float[] idf = new float[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            terms.add(kept.get(i).getKey());
            // Smoothed idf, as scikit-learn computes it: as if one extra document held every term.
            idf[i] = (float) (Math.log((1.0 + documents) / (1.0 + kept.get(i).getValue())) + 1.0);
        }
        return new Vocabulary(List.copyOf(terms), idf);
    }

    /** Growable int array; avoids boxing on the prediction hot path. */
    private static final class IntList {
        private int[] data = new int[64];
        private int size;

        void add(int value) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = value;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }

        int[] sortedCopy() {
            int[] copy = toArray();
            Arrays.sort(copy);
            return copy;
        }
    }
}

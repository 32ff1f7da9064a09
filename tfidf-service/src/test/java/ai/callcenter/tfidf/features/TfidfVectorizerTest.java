package ai.callcenter.tfidf.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TfidfVectorizerTest {

    private static final FeatureParams WORDS_ONLY_BIGRAMS = new FeatureParams(1, 2, 9, 9, 2, 1000, true, true, 1.0);

    @Test
    void keepsTermsReachingMinDfWithSmoothedIdf() {
        List<String> docs = List.of("printer broken", "printer jammed", "printer broken again", "vpn down");
        TfidfVectorizer vectorizer = TfidfVectorizer.fit(docs, WORDS_ONLY_BIGRAMS);

        // "printer" in 3 docs, "broken" and "printer broken" in 2; the rest once (dropped by min_df 2).
        assertThat(vectorizer.words().terms()).containsExactly("printer", "broken", "printer broken");
        assertThat(vectorizer.words().idf()[0]).isCloseTo((float) (Math.log(5.0 / 4.0) + 1), within(1e-6f));
        assertThat(vectorizer.words().idf()[1]).isCloseTo((float) (Math.log(5.0 / 3.0) + 1), within(1e-6f));
        // Character 9-grams need a word of 7 letters plus its two padding spaces: only "printer" has one.
        assertThat(vectorizer.chars().terms()).containsExactly(" printer ");
    }

    @Test
    void eachBlockIsUnitLengthAndSublinearTfDampsRepeats() {
        List<String> docs = List.of("printer printer printer broken", "printer broken", "printer ok", "broken ok");
        TfidfVectorizer vectorizer = TfidfVectorizer.fit(docs, new FeatureParams(1, 1, 3, 4, 1, 1000, true, true, 1.0));
        SparseVector v = vectorizer.transform("printer printer printer broken");

        double wordNorm = 0;
        double charNorm = 0;
        int words = vectorizer.words().terms().size();
        for (int i = 0; i < v.size(); i++) {
            double square = v.values()[i] * v.values()[i];
            if (v.indices()[i] < words) {
                wordNorm += square;
            } else {
                charNorm += square;
            }
        }
        assertThat(wordNorm).isCloseTo(1.0, within(1e-5));
        assertThat(charNorm).isCloseTo(1.0, within(1e-5));
        for (int i = 1; i < v.size(); i++) {
            assertThat(v.indices()[i]).isGreaterThan(v.indices()[i - 1]);
        }
        int printer = vectorizer.words().terms().indexOf("printer");
        int broken = vectorizer.words().terms().indexOf("broken");
        float printerWeight = weightOf(v, printer);
        float brokenWeight = weightOf(v, broken);
        double expectedRatio = (1 + Math.log(3)) * vectorizer.words().idf()[printer] / vectorizer.words().idf()[broken];
        assertThat((double) printerWeight / brokenWeight).isCloseTo(expectedRatio, within(1e-4));
    }

    @Test
    void unknownTextGivesAnEmptyVectorAndFullOovRate() {
        TfidfVectorizer vectorizer = TfidfVectorizer.fit(List.of("printer broken", "printer jammed"), WORDS_ONLY_BIGRAMS);
        assertThat(vectorizer.transform("zzz qqq").size()).isZero();
        assertThat(vectorizer.outOfVocabularyRate("printer zzz")).isEqualTo(0.5);
        assertThat(vectorizer.outOfVocabularyRate("!!!")).isEqualTo(1.0);
    }

    @Test
    void vocabularyCapKeepsTheMostFrequentTerms() {
        List<String> docs = List.of("a b c", "a b", "a", "a b c d", "d");
        TfidfVectorizer vectorizer = TfidfVectorizer.fit(docs, new FeatureParams(1, 1, 9, 9, 1, 2, true, true, 1.0));
        assertThat(vectorizer.words().terms()).containsExactly("a", "b");
    }

    private static float weightOf(SparseVector v, int index) {
        for (int i = 0; i < v.size(); i++) {
            if (v.indices()[i] == index) {
                return v.values()[i];
            }
        }
        throw new AssertionError("feature " + index + " absent");
    }
}

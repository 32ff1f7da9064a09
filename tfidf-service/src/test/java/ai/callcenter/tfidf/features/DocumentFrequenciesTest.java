package ai.callcenter.tfidf.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentFrequenciesTest {

    private static final FeatureParams PARAMS = new FeatureParams(1, 2, 2, 4, 1, 1000, true, true, 1.0);

    private final List<String> first = List.of("printer broken", "printer jammed again", "vpn down");
    private final List<String> second = List.of("vpn down again", "printer broken");

    @Test
    void countsOfDisjointCorporaAddUpToTheCountsOfTheirUnion() {
        DocumentFrequencies union = DocumentFrequencies.count(concat(first, second), PARAMS);
        DocumentFrequencies added = DocumentFrequencies.count(first, PARAMS).plus(DocumentFrequencies.count(second, PARAMS));

        assertThat(added).isEqualTo(union);
        assertThat(union.words()).containsEntry("printer", 3).containsEntry("vpn down", 2).containsEntry("jammed again", 1);
        assertThat(union.documents()).isEqualTo(5);
    }

    @Test
    void removingAPartLeavesTheCountsOfTheRestWithoutEmptyTerms() {
        DocumentFrequencies union = DocumentFrequencies.count(concat(first, second), PARAMS);
        DocumentFrequencies rest = union.minus(DocumentFrequencies.count(second, PARAMS));

        assertThat(rest).isEqualTo(DocumentFrequencies.count(first, PARAMS));
        assertThat(rest.words()).doesNotContainKey("down again");
    }

    @Test
    void aVocabularyFromCountsEqualsOneFromTheTexts() {
        TfidfVectorizer fromCounts = TfidfVectorizer.fit(DocumentFrequencies.count(first, PARAMS).plus(DocumentFrequencies.count(second, PARAMS)), PARAMS);
        TfidfVectorizer fromTexts = TfidfVectorizer.fit(concat(first, second), PARAMS);

        assertThat(fromCounts.words().terms()).isEqualTo(fromTexts.words().terms());
        assertThat(fromCounts.words().idf()).isEqualTo(fromTexts.words().idf());
        assertThat(fromCounts.chars().terms()).isEqualTo(fromTexts.chars().terms());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}

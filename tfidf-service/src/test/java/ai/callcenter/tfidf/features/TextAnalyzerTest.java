package ai.callcenter.tfidf.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextAnalyzerTest {

    @Test
    void wordsAreLowerCasedRunsOfLettersAndDigitsKeepingInnerApostrophes() {
        assertThat(TextAnalyzer.words("My card hasn't ARRIVED, order #123-b!"))
                .containsExactly("my", "card", "hasn't", "arrived", "order", "123", "b");
        assertThat(TextAnalyzer.words("  'quoted' ")).containsExactly("quoted");
        assertThat(TextAnalyzer.words("Überweisung fehlgeschlagen")).containsExactly("überweisung", "fehlgeschlagen");
    }

    @Test
    void wordNgramsAndPaddedCharNgramsInsideWords() {
        TextAnalyzer analyzer = new TextAnalyzer(new FeatureParams(1, 2, 2, 3, 1, 10, true, true, 1.0));
        List<String> words = new ArrayList<>();
        analyzer.wordTerms(List.of("lost", "card", "today"), words::add);
        assertThat(words).containsExactly("lost", "card", "today", "lost card", "card today");

        List<String> chars = new ArrayList<>();
        analyzer.charTerms(List.of("ab"), chars::add);
        assertThat(chars).containsExactly(" a", "ab", "b ", " ab", "ab ");
    }
}

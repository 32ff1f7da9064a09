package ai.callcenter.agent.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.api.ModelInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageCoverageTest {

    private static final List<String> LABELS = List.of("card_arrival", "lost_or_stolen_card");
    private static final Optional<ModelInfo> TFIDF_EN = Optional.of(new ModelInfo("tfidf", "t1", LABELS, List.of("en"), null));
    private static final Optional<ModelInfo> TRANSFORMER_XL = Optional.of(new ModelInfo("transformer", "x1", LABELS, List.of("en"),
            new ModelInfo.CrossLingualHead("cross-lingual", "use-multilingual-v3", List.of("de", "en", "es"))));
    private static final Optional<ModelInfo> TRANSFORMER_EN = Optional.of(new ModelInfo("transformer", "x1", LABELS, List.of("en"), null));

    private static LanguageCoverage coverage(String language, Optional<ModelInfo> first, Optional<ModelInfo> second) {
        return LanguageCoverage.of(language, "tfidf", first, "transformer", second);
    }

    @Test
    void aLanguageTheFirstModelIsTrainedOnRunsTheCascade() {
        assertThat(coverage("en", TFIDF_EN, TRANSFORMER_XL).decision()).isEmpty();
        assertThat(coverage("en", TFIDF_EN, TRANSFORMER_XL).reviewNote()).isNull();
    }

    @Test
    void anUndeterminedLanguageOrAnUnknownFirstModelRunsTheCascade() {
        assertThat(coverage("und", TFIDF_EN, TRANSFORMER_XL).decision()).isEmpty();
        assertThat(coverage(null, TFIDF_EN, TRANSFORMER_XL).decision()).isEmpty();
        assertThat(coverage("es", Optional.empty(), TRANSFORMER_XL).decision()).isEmpty();
        // a model directory written before languages were recorded is taken to read everything
        Optional<ModelInfo> oldTfidf = Optional.of(new ModelInfo("tfidf", "t0", LABELS));
        assertThat(coverage("es", oldTfidf, TRANSFORMER_XL).decision()).isEmpty();
        assertThat(coverage("es", oldTfidf, TRANSFORMER_XL).reviewNote()).isNull();
    }

    @Test
    void aCoveredLanguageGoesToTheCrossLingualHeadAlone() {
        LanguageCoverage spanish = coverage("es", TFIDF_EN, TRANSFORMER_XL);
        assertThat(spanish.decision()).hasValueSatisfying(d -> {
            assertThat(d.consultSecond()).isTrue();
            assertThat(d.secondOnly()).isTrue();
            assertThat(d.segment()).isEqualTo(LanguageCoverage.SEGMENT);
            assertThat(d.reason()).isEqualTo("es: tfidf is trained on en; transformer's cross-lingual head (use-multilingual-v3) answers");
        });
        assertThat(spanish.reviewNote()).isNull();
    }

    @Test
    void aLanguageTheEncoderIsNotMadeForStillGoesThereButIsFlagged() {
        LanguageCoverage kazakh = coverage("kk", TFIDF_EN, TRANSFORMER_XL);
        assertThat(kazakh.decision()).hasValueSatisfying(d -> assertThat(d.secondOnly()).isTrue());
        assertThat(kazakh.reviewNote()).isEqualTo("kk is not one of use-multilingual-v3's languages, the answer is only a best guess");
    }

    @Test
    void aSecondModelTrainedOnTheLanguageAnswersAlone() {
        Optional<ModelInfo> germanTransformer = Optional.of(new ModelInfo("transformer", "x2", LABELS, List.of("de", "en"), null));
        LanguageCoverage german = coverage("de", TFIDF_EN, germanTransformer);
        assertThat(german.decision()).hasValueSatisfying(d -> assertThat(d.reason())
                .isEqualTo("de: tfidf is trained on en; transformer is trained on de and answers"));
        assertThat(german.reviewNote()).isNull();
    }

    @Test
    void noModelReadingTheLanguageKeepsTheCascadeAndFlagsTheAnswer() {
        LanguageCoverage spanish = coverage("es", TFIDF_EN, TRANSFORMER_EN);
        assertThat(spanish.decision()).isEmpty();
        assertThat(spanish.reviewNote()).isEqualTo("no model is trained on es, the answer is only a best guess");
        assertThat(coverage("es", TFIDF_EN, Optional.empty()).reviewNote()).isNotNull();
    }
}

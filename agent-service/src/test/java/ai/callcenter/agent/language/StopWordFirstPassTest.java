package ai.callcenter.agent.language;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.pemistahl.lingua.api.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopWordFirstPassTest {

    private static final List<Language> CONFIGURED = List.of(Language.ENGLISH, Language.GERMAN, Language.FRENCH, Language.ITALIAN,
            Language.DANISH, Language.SWEDISH, Language.RUSSIAN);
    private final StopWordFirstPass pass = new StopWordFirstPass(CONFIGURED, 3, 0.2);

    @Test
    void settlesTextWhoseStopWordsAreOneLanguagesOnly() {
        assertThat(pass.settle("I have not received my card and it was ordered two weeks ago")).isEqualTo(Language.ENGLISH);
        assertThat(pass.settle("Ich habe meine Karte noch nicht bekommen und warte seit zwei Wochen")).isEqualTo(Language.GERMAN);
        assertThat(pass.settle("je n'ai toujours pas reçu ma carte et elle était commandée depuis deux semaines"))
                .isEqualTo(Language.FRENCH);
    }

    @Test
    void leavesEverythingElseToLingua() {
        // too few stop words
        assertThat(pass.settle("printer broken")).isNull();
        assertThat(pass.settle("connection icon icon dear setup icon engineers details needed thanks lead")).isNull();
        // letters outside the language's alphabet: Danish text with English-looking function words
        assertThat(pass.settle("I have the card but it is not in my wallet, så jeg venter")).isNull();
        // another script
        assertThat(pass.settle("я не получил карту and it was ordered two weeks ago by me")).isNull();
        // different stop words count, not occurrences: Active Directory's "ad" is an Italian stop word
        assertThat(pass.settle("ad ownership change ad user ad group")).isNull();
        // two languages' stop words
        assertThat(pass.settle("I have ordered it but ich habe sie nicht und it is not here")).isNull();
    }

    @Test
    void onlyConfiguredLanguagesCanBeAnswered() {
        StopWordFirstPass withoutEnglish = new StopWordFirstPass(List.of(Language.GERMAN, Language.DANISH), 3, 0.2);
        assertThat(withoutEnglish.settle("I have not received my card and it was ordered two weeks ago")).isNull();
    }

    @Test
    void theDetectorAnswersASettledTextWithoutLingua() {
        LanguageDetector detector = new LanguageDetector(List.of("ENGLISH", "GERMAN"), false, 0.0, 125,
                new LanguageProperties.FirstPass(true, 3, 0.2));
        DetectedLanguage language = detector.detect("I have not received my card and it was ordered two weeks ago");
        assertThat(language.isoCode()).isEqualTo("en");
        assertThat(language.confidence()).isEqualTo(1.0);
        assertThat(detector.detect("wo ist meine karte").isoCode()).isEqualTo("de");
    }
}

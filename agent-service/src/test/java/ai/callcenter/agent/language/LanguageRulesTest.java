package ai.callcenter.agent.language;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.pemistahl.lingua.api.Language;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules around lingua (script focus, entity masking, Nordic markers, families), without datasets. */
class LanguageRulesTest {

    @Test
    void nonLatinTextIsClassifiedWithoutItsLatinWords() {
        assertThat(LanguageDetector.focus("أتمنى أن أسمع ألبوم Since I Saw You Last")).isEqualTo("أتمنى أن أسمع ألبوم");
        assertThat(LanguageDetector.focus("播放 Taylor Swift 的歌")).isEqualTo("播放 的歌");
    }

    @Test
    void capitalisedWordsDigitsAndPlaceholdersAreMasked() {
        assertThat(LanguageDetector.focus("Spill Another Passenger av Louis Nelson Delisle")).isEqualTo("Spill av");
        assertThat(LanguageDetector.focus("Hallo <PERSON>, mein Drucker in Raum 12 geht nicht")).isEqualTo("Hallo , mein in geht nicht");
        // The first word always stays; with no letter left the text is classified as it is.
        assertThat(LanguageDetector.focus("Taylor Swift")).isEqualTo("Taylor");
        assertThat(LanguageDetector.focus("<PERSON> 12")).isEqualTo("<PERSON> 12");
    }

    @Test
    void namesInQuotesOrBracketsAreMaskedToo() {
        assertThat(LanguageDetector.focus("Rodyk man \"Happiness Was Free\" .")).isEqualTo("Rodyk man .");
        assertThat(LanguageDetector.focus("pustu Luisa [Luis Alfonzo] iz 1995")).isEqualTo("pustu iz");
        assertThat(LanguageDetector.focus("play \"shadowplay\" now")).isEqualTo("play \"shadowplay\" now");
    }

    @Test
    void keepsTheTurkishCaseEndingOfADroppedName() {
        assertThat(LanguageDetector.focus("Spotify'da Houston'dan bir melodi çal")).isEqualTo("da dan bir melodi çal");
        assertThat(LanguageDetector.focus("Happiness Was Free'yi Göster.")).isEqualTo("Happiness yi");
        assertThat(LanguageDetector.suffixAfterApostrophe("Dana’nın")).isEqualTo("nın");
        assertThat(LanguageDetector.suffixAfterApostrophe("Nijinsky'ye,")).isEqualTo("ye");
        // one-letter English endings and upper-case continuations are not endings
        assertThat(LanguageDetector.suffixAfterApostrophe("Mary's")).isNull();
        assertThat(LanguageDetector.suffixAfterApostrophe("Don't")).isNull();
        assertThat(LanguageDetector.suffixAfterApostrophe("O'Brien")).isNull();
        assertThat(LanguageDetector.focus("Is Mary's printer broken")).isEqualTo("Is printer broken");
    }

    @Test
    void nordicMarkersSeparateDanishNorwegianSwedish() {
        assertThat(NordicMarkers.decide("Bliver det koldt i aften, og kommer det til at sne?")).containsExactly(NordicMarkers.Group.DANISH);
        assertThat(NordicMarkers.decide("Ka e klokka no, eg veit ikkje")).containsExactly(NordicMarkers.Group.NORWEGIAN);
        assertThat(NordicMarkers.decide("Kva tid går toget, eg veit ikkje")).containsExactly(NordicMarkers.Group.NORWEGIAN);
        assertThat(NordicMarkers.decide("Jag vet inte vad det är")).containsExactly(NordicMarkers.Group.SWEDISH);
        // "alle" is Danish and Norwegian: both stay candidates, lingua chooses between them.
        assertThat(NordicMarkers.decide("vis alle alarmer")).containsExactlyInAnyOrder(NordicMarkers.Group.DANISH, NordicMarkers.Group.NORWEGIAN);
        assertThat(NordicMarkers.decide("Printer broken")).isEmpty();
    }

    @Test
    void stopWordVoteCountsOnlyWordsNoOtherCandidateHas() {
        List<Language> romance = List.of(Language.SPANISH, Language.ITALIAN);
        assertThat(StopWordVote.best("mostrami i miei promemoria", romance)).containsExactly(Language.ITALIAN);
        assertThat(StopWordVote.best("muéstrame mis recordatorios y alarmas", romance)).containsExactly(Language.SPANISH);
        assertThat(StopWordVote.best("Will it be chillier in", List.of(Language.GERMAN, Language.ENGLISH))).containsExactly(Language.ENGLISH);
        // "la" and "mi" are on both lists, "promemoria" on neither: no vote.
        assertThat(StopWordVote.best("la promemoria mi", romance)).isEmpty();
        assertThat(SnowballStopWords.languages()).containsExactlyInAnyOrder(Language.ENGLISH, Language.GERMAN, Language.DUTCH,
                Language.FRENCH, Language.ITALIAN, Language.SPANISH, Language.PORTUGUESE);
    }

    @Test
    void detectorLetsStopWordsDecideBetweenCloseWesternLanguages() {
        LanguageDetector d = new LanguageDetector(
                List.of("ENGLISH", "GERMAN", "DUTCH", "FRENCH", "ITALIAN", "SPANISH", "PORTUGUESE"), false, 0.0);
        assertThat(d.detect("mostrami i miei promemoria").isoCode()).isEqualTo("it");
        assertThat(d.detect("Will it be chillier in La Mesa ?").isoCode()).isEqualTo("en");
        assertThat(d.detect("Wie ist das Wetter heute").isoCode()).isEqualTo("de");
    }

    @Test
    void detectorAppliesTheRules() {
        LanguageDetector d = new LanguageDetector(List.of("ENGLISH", "DANISH", "BOKMAL", "NYNORSK", "SWEDISH", "ARABIC"), false, 0.0);
        assertThat(d.detect("أتمنى أن أسمع ألبوم Since I Saw You Last").isoCode()).isEqualTo("ar");
        assertThat(d.detect("Bliver det koldt i aften, og kommer det til at sne?").isoCode()).isEqualTo("da");
        assertThat(LanguageDetector.family(d.detect("Ka tid går bussen? Eg veit ikkje kor han e").isoCode())).isEqualTo("no");
        assertThat(d.detect("Jag vill inte ha den här låten").isoCode()).isEqualTo("sv");
        assertThat(d.detect("My printer has not worked since yesterday").isoCode()).isEqualTo("en");
    }

    @Test
    void lettersOutsideAnAlphabetRuleTheLanguageOut() {
        // lingua alone scores this Latin-script Serbian command as Swedish, whose alphabet has no ž.
        LanguageDetector d = new LanguageDetector(List.of("SWEDISH", "CROATIAN", "BOSNIAN", "SERBIAN", "ENGLISH"), false, 0.0);
        assertThat(LanguageDetector.family(d.detect("otkaži sve alarme").isoCode())).isEqualTo("sh");
        // No configured language has the letter: no restriction.
        LanguageDetector noSlavic = new LanguageDetector(List.of("SWEDISH", "ENGLISH"), false, 0.0);
        assertThat(noSlavic.detect("otkaži sve alarme").known()).isTrue();
    }

    @Test
    void lithuanianAndTurkishLettersRuleOtherLanguagesOut() {
        LanguageDetector d = new LanguageDetector(List.of("ENGLISH", "GERMAN", "INDONESIAN", "FINNISH", "LITHUANIAN", "TURKISH"), false, 0.0);
        // lingua alone ranks German first here (xSID valid), but only Lithuanian and Polish write ą
        assertThat(d.detect("grok operą per google music").isoCode()).isEqualTo("lt");
        // lingua alone ranks English first (a Turkish case ending on an English word); only Turkish writes ı
        assertThat(d.detect("cross bones style'ı ekle").isoCode()).isEqualTo("tr");
    }

    @Test
    void familiesGroupNorwegianAndBcms() {
        assertThat(List.of("nb", "nn", "sr", "hr", "bs", "de").stream().map(LanguageDetector::family).toList())
                .containsExactly("no", "no", "sh", "sh", "sh", "de");
    }

    @Test
    void minimumRelativeDistanceYieldsUnknownWhenTooClose() {
        LanguageDetector strict = new LanguageDetector(List.of("DANISH", "BOKMAL"), false, 0.99);
        assertThat(strict.detect("vis alle alarmer").known()).isFalse();
        assertThat(strict.detect("   ").known()).isFalse();
    }

    @Test
    void headReadsTheBudgetOfCharactersLinguaKeepsThenFinishesTheWord() {
        assertThat(LanguageDetector.head("short text", 200)).isEqualTo("short text");
        // 12 characters read end inside "broken", which is completed
        assertThat(LanguageDetector.head("printer broken again", 12)).isEqualTo("printer broken");
        // digits, punctuation and repeated spaces are not counted: lingua drops or folds them
        assertThat(LanguageDetector.head("2024: ok,   printer broken again", 12)).isEqualTo("2024: ok,   printer broken");
        // a word is completed over at most as many characters again
        assertThat(LanguageDetector.head("unbreakablewordhere", 5)).isEqualTo("unbreakabl");
        // never splits a surrogate pair
        assertThat(LanguageDetector.head("ab\uD83D\uDE00cd", 3)).isEqualTo("ab\uD83D\uDE00cd");
        assertThat(LanguageDetector.head("ab\uD83D\uDE00cd efg", 1)).isEqualTo("ab");
    }

    @Test
    void onlyTheHeadOfALongTicketIsRead() {
        String english = "My laptop will not start since this morning and the screen stays black, "
                + "I already tried another charger and holding the power button for a while. ";
        // lower case: the focus rule drops capitalised words, German nouns included
        String german = "der drucker im zweiten stock druckt seit gestern nur leere seiten aus und zeigt keine fehlermeldung an. ".repeat(4);
        LanguageDetector whole = new LanguageDetector(List.of("ENGLISH", "GERMAN"), false, 0.0);
        LanguageDetector head = new LanguageDetector(List.of("ENGLISH", "GERMAN"), false, 0.0, english.length());
        assertThat(whole.detect(english + german).isoCode()).isEqualTo("de");
        assertThat(head.detect(english + german).isoCode()).isEqualTo("en");
    }

    @Test
    void languagesWhoseModelsAreNotInTheBuildAreNamed() {
        List<Language> configured = List.of(Language.ENGLISH, Language.BOKMAL, Language.GERMAN);
        // lingua's own jar has the models of every language it names
        List<Language> all = Arrays.stream(Language.values()).filter(language -> language != Language.UNKNOWN).toList();
        assertThat(LanguageDetector.withoutModels(all, Language.class::getResource)).isEmpty();
        // an image built without Bokmål (its models under nb/) and German
        assertThat(LanguageDetector.withoutModels(configured,
                path -> path.contains("/nb/") || path.contains("/de/") ? null : Language.class.getResource(path)))
                .containsExactly(Language.BOKMAL, Language.GERMAN);
    }
}

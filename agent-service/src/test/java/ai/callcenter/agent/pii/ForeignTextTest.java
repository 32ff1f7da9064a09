package ai.callcenter.agent.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForeignTextTest {

    @Test
    void germanFrenchAndSpanishFunctionWordsOutweighEnglish() {
        assertThat(ForeignText.moreLikelyThanEnglish("Mein Konto ist gesperrt")).isTrue();
        assertThat(ForeignText.moreLikelyThanEnglish("Ma carte n'est pas arrivée")).isTrue();
        assertThat(ForeignText.moreLikelyThanEnglish("Mi tarjeta no ha llegado")).isTrue();
    }

    @Test
    void englishWithForeignNamesAndAddressesStaysEnglish() {
        assertThat(ForeignText.moreLikelyThanEnglish("My card has not arrived, what should I do?")).isFalse();
        // Spanish "y" and "o" in "y/o" are not enough against English's "and", "from".
        assertThat(ForeignText.moreLikelyThanEnglish("I'm Naomi Ryan, originally from Enkomi, and i'm 31 y/o.")).isFalse();
        // Particles inside a name or an address, and capitalised words after the first, do not count.
        assertThat(ForeignText.moreLikelyThanEnglish("Maika van de Noort lives at 29 Rue de la Paix")).isFalse();
        assertThat(ForeignText.moreLikelyThanEnglish(">Ella H. Snider >Otc Markets >Ella H. Snider")).isFalse();
    }

    @Test
    void aSpanStartingWithAForeignFunctionWordIsNotAName() {
        assertThat(ForeignText.startsWithForeignStopWord("Mein Konto")).isTrue();
        assertThat(ForeignText.startsWithForeignStopWord("Mi")).isTrue();
        assertThat(ForeignText.startsWithForeignStopWord("Hans Müller")).isFalse();
        // English stop words are English: "I" is not taken for Italian's "i".
        assertThat(ForeignText.startsWithForeignStopWord("I")).isFalse();
    }
}

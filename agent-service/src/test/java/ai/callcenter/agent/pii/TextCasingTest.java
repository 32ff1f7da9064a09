package ai.callcenter.agent.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCasingTest {

    @Test
    void textWithoutCapitalisedNamesIsCaseless() {
        assertThat(TextCasing.writesNamesInLowerCase("hi my name is john smith, i live at 12 oak street")).isTrue();
        // A phone keyboard capitalises sentence starts; the pronoun I says nothing about names either.
        assertThat(TextCasing.writesNamesInLowerCase("Hi my name is john smith. I'm at 12 oak street! Please call")).isTrue();
        assertThat(TextCasing.writesNamesInLowerCase("Hello\n\nmy card is blocked")).isTrue();
    }

    @Test
    void aCapitalisedWordInsideASentenceMeansTheWriterCapitalisesNames() {
        assertThat(TextCasing.writesNamesInLowerCase("Hi my name is John Smith")).isFalse();
        assertThat(TextCasing.writesNamesInLowerCase("my card from Visa was declined")).isFalse();
    }

    @Test
    void textWithoutLowerCaseLettersGivesNoEvidence() {
        assertThat(TextCasing.writesNamesInLowerCase("MY CARD IS BLOCKED")).isFalse();
        assertThat(TextCasing.writesNamesInLowerCase("我的卡被锁了")).isFalse();
        assertThat(TextCasing.writesNamesInLowerCase("12345")).isFalse();
        assertThat(TextCasing.writesNamesInLowerCase(null)).isFalse();
    }
}

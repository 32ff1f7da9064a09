package ai.callcenter.agent.pii;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.testing.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiScrubberTest {

    @Test
    void nounsAndPossessivesOfGermanFrenchAndSpanishTicketsAreNotNames() {
        // The name finders learnt English sentences: they took "Karte", "Mein Konto", "Ma", "Mi" for names.
        for (String text : List.of("Die Karte ist noch nicht da", "Mein Konto ist gesperrt", "Meine Rechnung ist falsch",
                "Ma carte n'est pas arrivée", "Mi tarjeta no ha llegado")) {
            assertThat(Scrubbers.DEFAULT.scrub(text).text()).as(text).isEqualTo(text);
        }
        assertThat(Scrubbers.DEFAULT.scrub("Hola, soy Juan García y mi tarjeta no ha llegado").text())
                .isEqualTo("Hola, soy <PERSON> y mi tarjeta no ha llegado");
        assertThat(Scrubbers.DEFAULT.scrub("Mein Name ist Hans Müller und meine Karte ist weg").text())
                .isEqualTo("Mein Name ist <PERSON> und meine Karte ist weg");
    }

    @Test
    void replacesEverySpanWithItsPlaceholder() {
        String text = "I'm Laura Carvalho, card 4111 1111 1111 1111, mail laura@example.com, IBAN GB82WEST12345698765432.";
        ScrubResult r = Scrubbers.DEFAULT.scrub(text);
        assertThat(r.text()).isEqualTo("I'm <PERSON>, card <CREDIT_CARD>, mail <EMAIL>, IBAN <IBAN>.");
        assertThat(r.types()).containsExactlyInAnyOrder(PiiType.PERSON, PiiType.CREDIT_CARD, PiiType.EMAIL, PiiType.IBAN);
        assertThat(r.toString()).doesNotContain("Laura").doesNotContain("4111");
    }

    /**
     * Words that only look like names in a support ticket: a scrubbed product word costs the
     * classifiers accuracy (docs/routing.md), so these must stay.
     */
    @Test
    void everydayTicketWordsAreNotNames() {
        for (String text : List.of(
                "Hi, I'm still waiting for my card",
                "Something is wrong with my password",
                "Which ATMs will accept this card?",
                "I need a fast transfer from China, how long will it take?",
                "why was a fee charged twice on my account")) {
            assertThat(Scrubbers.DEFAULT.scrub(text).text()).as(text).isEqualTo(text);
        }
    }

    @Test
    void namesThatAreAlsoWordsOrPlacesStillCountAfterACue() {
        assertThat(Scrubbers.DEFAULT.scrub("Hello, my name is Jordan and my card is lost").text())
                .isEqualTo("Hello, my name is <PERSON> and my card is lost");
        assertThat(Scrubbers.DEFAULT.scrub("please call back john smith tomorrow").text())
                .isEqualTo("please call back <PERSON> tomorrow");
    }

    @Test
    void overlapsResolvedByPriority() {
        // The e-mail's local part is a name; the e-mail wins and no PERSON span is left inside it.
        ScrubResult r = Scrubbers.DEFAULT.scrub("Contact LauraCarvalho@example.com");
        assertThat(r.text()).isEqualTo("Contact <EMAIL>");
    }

    /** A model span never overrides a rule span of another type: it is cut around it. */
    @Test
    void modelSpansAreCutAroundRuleSpansOfOtherTypes() {
        String text = "Ring 555-0100 at 12 Oak Street";
        Recognizer phone = t -> List.of(new PiiSpan(PiiType.PHONE, 5, 13));
        Recognizer model = t -> List.of(new PiiSpan(PiiType.STREET_ADDRESS, 5, t.length()));
        PiiScrubber scrubber = new PiiScrubber(List.of(phone), List.of(model));
        assertThat(scrubber.scrub(text).text()).isEqualTo("Ring <PHONE> <STREET_ADDRESS>");
        assertThat(scrubber.detect(text)).containsExactly(new PiiSpan(PiiType.PHONE, 5, 13), new PiiSpan(PiiType.STREET_ADDRESS, 14, text.length()));
    }

    /** A model span extends an overlapping rule span of its own type (e.g. the town line after a street). */
    @Test
    void modelSpansExtendRuleSpansOfTheirType() {
        String text = "Send it to 12 Oak Street\nSpringfield please";
        int town = text.indexOf("Springfield") + "Springfield".length();
        Recognizer rule = t -> List.of(new PiiSpan(PiiType.STREET_ADDRESS, 11, 24));
        Recognizer model = t -> List.of(new PiiSpan(PiiType.STREET_ADDRESS, 14, town));
        assertThat(new PiiScrubber(List.of(rule), List.of(model)).detect(text)).containsExactly(new PiiSpan(PiiType.STREET_ADDRESS, 11, town));
    }

    /** A capitalised word and a number is no address by itself: order, ticket and invoice numbers stay. */
    @Test
    void orderNumbersAreNotAddresses() {
        for (String text : List.of("Ich habe eine Frage zu meiner refund Nummer 42", "Ich habe eine Frage zu meiner Bestellung 12345",
                "Frage zu Rechnung 7", "Please check Ticket 5521 for me")) {
            assertThat(Scrubbers.DEFAULT.scrub(text).text()).as(text).isEqualTo(text);
        }
    }

    @Test
    void textWithoutPiiIsUnchanged() {
        String text = "The VPN client crashes after the latest update on Windows.";
        assertThat(Scrubbers.DEFAULT.scrub(text).text()).isEqualTo(text);
        assertThat(Scrubbers.DEFAULT.scrub("").found()).isFalse();
    }

    /** For every span detected in every presidio sentence, its value is gone from the scrubbed text. */
    @Test
    void scrubbedTextContainsNoDetectedValue() throws Exception {
        List<PresidioDataset.Sample> all = PresidioDataset.load(SharedData.file(PresidioDataset.RELATIVE_PATH));
        int checked = 0;
        for (PresidioDataset.Sample s : all) {
            ScrubResult r = Scrubbers.DEFAULT.scrub(s.text());
            for (PiiSpan span : r.spans()) {
                String value = s.text().substring(span.start(), span.end()).strip();
                // A value can reappear verbatim only if it also occurs outside any detected span.
                if (value.length() >= 4 && !occursOutsideSpans(s.text(), value, r.spans())) {
                    assertThat(r.text()).as("template %d", s.templateId()).doesNotContain(value);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    private static boolean occursOutsideSpans(String text, String value, List<PiiSpan> spans) {
        int from = 0;
        int i;
        while ((i = text.indexOf(value, from)) >= 0) {
            int end = i + value.length();
            int at = i;
            if (spans.stream().noneMatch(sp -> sp.start() <= at && end <= sp.end())) {
                return true;
            }
            from = i + 1;
        }
        return false;
    }
}

package ai.callcenter.agent.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaseAwareNameFinderTest {

    private static final NameGazetteer NAMES = new NameGazetteer(Set.of("John", "Will"), Set.of("Smith"));

    /** Reports every occurrence of the given words as the given type. */
    private static Recognizer finding(PiiType type, String... words) {
        return text -> {
            List<PiiSpan> out = new java.util.ArrayList<>();
            for (String w : words) {
                int at = text.indexOf(w);
                if (at >= 0) {
                    out.add(new PiiSpan(type, at, at + w.length()));
                }
            }
            return out;
        };
    }

    @Test
    void casedTextGoesToTheCasedModelOnly() {
        var finder = new CaseAwareNameFinder(finding(PiiType.PERSON, "Waiting"), finding(PiiType.PERSON, "John"), NAMES, Set.of(), Set.of());
        assertThat(finder.find("Still Waiting for John")).extracting(PiiSpan::start).containsExactly(6);
    }

    @Test
    void caselessTextGoesToTheCaselessModelAndKeepsOnlyPersonSpansWithAKnownName() {
        Recognizer caseless = text -> List.of(
                new PiiSpan(PiiType.PERSON, text.indexOf("john smith"), text.indexOf("john smith") + 10),
                new PiiSpan(PiiType.PERSON, text.indexOf("waiting"), text.indexOf("waiting") + 7),
                new PiiSpan(PiiType.PERSON, text.indexOf("will"), text.indexOf("will") + 4),
                new PiiSpan(PiiType.STREET_ADDRESS, text.indexOf("12 oak street"), text.indexOf("12 oak street") + 13));
        Recognizer cased = finding(PiiType.PERSON, "never");
        var finder = new CaseAwareNameFinder(cased, caseless, NAMES, Set.of("will"), Set.of("street"));
        String text = "i am john smith, still waiting, will call from 12 oak street";
        assertThat(finder.find(text)).extracting(s -> text.substring(s.start(), s.end()))
                .containsExactly("john smith", "12 oak street"); // "will" is a name but also a common word
    }

    @Test
    void caselessTextWithoutNameDigitOrStreetWordSkipsTheModel() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Recognizer caseless = text -> {
            calls.incrementAndGet();
            return List.of(new PiiSpan(PiiType.STREET_ADDRESS, 0, 4));
        };
        var finder = new CaseAwareNameFinder(finding(PiiType.PERSON, "never"), caseless, NAMES, Set.of("will"), Set.of("street"));
        assertThat(finder.find("will you reset my password please")).isEmpty();
        assertThat(calls).hasValue(0);
        // each of a known name, a digit and a street word is worth the model's look
        for (String text : List.of("ask john about the password", "order 7 is late", "the office on oak street")) {
            assertThat(finder.find(text)).as(text).isNotEmpty();
        }
        assertThat(calls).hasValue(3);
    }
}

package ai.callcenter.tools.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.pii.PiiSpan;
import ai.callcenter.agent.pii.PiiType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScrubUntilStableTest {

    /** Finds "Apple Bay" only once a person placeholder stands before it, like a context-driven name finder. */
    static List<PiiSpan> placeNextToAPerson(String text) {
        int person = text.indexOf(PiiType.PERSON.placeholder());
        int place = text.indexOf("Apple Bay");
        return person >= 0 && place > person ? List.of(new PiiSpan(PiiType.STREET_ADDRESS, place, place + "Apple Bay".length())) : List.of();
    }

    static List<PiiSpan> person(String text) {
        int at = text.indexOf("Jane");
        return at < 0 ? List.of() : List.of(new PiiSpan(PiiType.PERSON, at, at + 4));
    }

    @Test
    void scrubsAgainUntilAPassFindsNothing() {
        PiiScrubber scrubber = new PiiScrubber(List.of(ScrubUntilStableTest::person, ScrubUntilStableTest::placeNextToAPerson));
        Set<PiiType> types = EnumSet.noneOf(PiiType.class);

        String stable = ScrubDataCommand.scrubUntilStable(scrubber, "is Jane in Apple Bay?", types);

        assertThat(stable).isEqualTo("is " + PiiType.PERSON.placeholder() + " in " + PiiType.STREET_ADDRESS.placeholder() + "?");
        assertThat(scrubber.scrub(stable).found()).isFalse();
        assertThat(types).containsExactlyInAnyOrder(PiiType.PERSON, PiiType.STREET_ADDRESS);
    }

    @Test
    void leavesCleanTextAndReportsNoTypes() {
        PiiScrubber scrubber = new PiiScrubber(List.of(ScrubUntilStableTest::person));
        Set<PiiType> types = EnumSet.noneOf(PiiType.class);

        assertThat(ScrubDataCommand.scrubUntilStable(scrubber, "where is my refund", types)).isEqualTo("where is my refund");
        assertThat(types).isEmpty();
    }
}

package ai.callcenter.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.pii.PiiScrubber;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The context starts with the yaml defaults bound (a short language list keeps the test's heap small). */
@SpringBootTest(properties = "callcenter.language.languages=ENGLISH,GERMAN")
class AgentApplicationTest {

    @Autowired
    PiiScrubber scrubber;
    @Autowired
    LanguageDetector detector;

    @Test
    void beansAreWired() {
        assertThat(scrubber.scrub("Phone: +44 7700 900461").text()).isEqualTo("Phone: <PHONE>");
        assertThat(detector.detect("Das ist ein Test").isoCode()).isEqualTo("de");
    }
}

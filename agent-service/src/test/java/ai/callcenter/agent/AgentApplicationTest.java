package ai.callcenter.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.pii.PiiScrubber;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The context starts with the yaml defaults bound (a short language list keeps the test's heap small). */
@SpringBootTest(properties = "callcenter.language.languages=ENGLISH,GERMAN")
class AgentApplicationTest {

    @DynamicPropertySource
    static void piiModels(DynamicPropertyRegistry registry) {
        registry.add("callcenter.pii.name-model-dir", () -> TestPiiModels.directory().toString());
    }

    @Autowired
    PiiScrubber scrubber;
    @Autowired
    LanguageDetector detector;

    @Test
    void beansAreWired() {
        assertThat(scrubber.scrub("Phone: +44 7700 900461").text()).isEqualTo("Phone: <PHONE>");
        assertThat(detector.detect("Das ist ein Test").isoCode()).isEqualTo("de");
        assertThat(scrubber.usesNameModels()).isTrue();
    }
}

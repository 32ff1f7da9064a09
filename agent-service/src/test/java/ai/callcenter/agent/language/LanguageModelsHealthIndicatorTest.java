package ai.callcenter.agent.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class LanguageModelsHealthIndicatorTest {

    @Test
    void readyOnceTheModelsAreLoaded() {
        LanguageDetector detector = new LanguageDetector(List.of("ENGLISH", "GERMAN"), false, 0.0);
        LanguageModelsHealthIndicator health = new LanguageModelsHealthIndicator(detector);
        assertThat(health.health().getStatus()).isIn(Status.OUT_OF_SERVICE, Status.UP);
        detector.loading().join();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("languages", 2);
        // detection works whether or not the load had finished when it was asked
        assertThat(new LanguageDetector(List.of("ENGLISH", "GERMAN"), false, 0.0).detect("Das ist ein Test").isoCode())
                .isEqualTo("de");
    }
}

package ai.callcenter.agent.language;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code languageModels} health component: out of service while lingua's models are loading,
 * down when they could not be loaded. The readiness group includes it, so no ticket reaches an
 * agent that would have to wait for its language models.
 */
public class LanguageModelsHealthIndicator implements HealthIndicator {

    private final LanguageDetector detector;

    public LanguageModelsHealthIndicator(LanguageDetector detector) {
        this.detector = detector;
    }

    @Override
    public Health health() {
        if (!detector.loading().isDone()) {
            return Health.outOfService().withDetail("status", "loading").build();
        }
        if (detector.loading().isCompletedExceptionally()) {
            return Health.down().withDetail("status", "failed to load").build();
        }
        return Health.up().withDetail("languages", detector.languages().size()).build();
    }
}

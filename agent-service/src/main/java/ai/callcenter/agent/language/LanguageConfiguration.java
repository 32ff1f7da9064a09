package ai.callcenter.agent.language;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the language detector at start-up; its models are preloaded then, not on first request.
 * The preload is the longest step of the agent's start-up, so it runs beside the rest of the
 * context, and readiness waits for it ({@link LanguageModelsHealthIndicator}).
 */
@Configuration(proxyBeanMethods = false)
public class LanguageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LanguageConfiguration.class);

    @Bean
    LanguageDetector languageDetector(LanguageProperties properties) {
        long started = System.nanoTime();
        LanguageDetector detector = detector(properties);
        // the list decides heap, CPU per ticket and which answers are possible (docs/language.md)
        detector.loading().whenComplete((loaded, failure) -> {
            if (failure == null) {
                log.info("language detector: {} languages preloaded in {} ms: {}", detector.languages().size(),
                        (System.nanoTime() - started) / 1_000_000, detector.languages());
            } else {
                log.error("language models could not be loaded: {}", failure.toString());
            }
        });
        return detector;
    }

    /** Named so that actuator lists it as the {@code languageModels} health component (readiness group). */
    @Bean("languageModelsHealthIndicator")
    LanguageModelsHealthIndicator languageModelsHealthIndicator(LanguageDetector detector) {
        return new LanguageModelsHealthIndicator(detector);
    }

    /** The detector these settings describe (also used by the fit-router command, outside Spring). */
    public static LanguageDetector detector(LanguageProperties properties) {
        return new LanguageDetector(properties.languages(), properties.lowAccuracyMode(), properties.minimumRelativeDistance(),
                properties.maxCharacters(), properties.firstPass());
    }
}

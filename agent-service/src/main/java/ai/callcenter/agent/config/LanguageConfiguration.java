package ai.callcenter.agent.config;

import ai.callcenter.agent.language.LanguageDetector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the language detector at start-up; its models are preloaded there, not on first request. */
@Configuration(proxyBeanMethods = false)
public class LanguageConfiguration {

    @Bean
    LanguageDetector languageDetector(LanguageProperties properties) {
        return detector(properties);
    }

    /** The detector these settings describe (also used by the fit-router command, outside Spring). */
    public static LanguageDetector detector(LanguageProperties properties) {
        return new LanguageDetector(properties.languages(), properties.lowAccuracyMode(), properties.minimumRelativeDistance(),
                properties.maxCharacters());
    }
}

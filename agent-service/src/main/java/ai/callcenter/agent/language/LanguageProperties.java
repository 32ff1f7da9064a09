package ai.callcenter.agent.language;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callcenter.language.*}: the lingua languages to preload and the detector's mode.
 * See {@link ai.callcenter.agent.language.LanguageDetector} for the meaning of each field.
 */
@ConfigurationProperties("callcenter.language")
public record LanguageProperties(List<String> languages, boolean lowAccuracyMode, double minimumRelativeDistance,
                                 int maxCharacters) {
}

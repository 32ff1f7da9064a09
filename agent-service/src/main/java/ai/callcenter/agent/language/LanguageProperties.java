package ai.callcenter.agent.language;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callcenter.language.*}: the lingua languages to preload and the detector's mode.
 * See {@link ai.callcenter.agent.language.LanguageDetector} for the meaning of each field.
 */
@ConfigurationProperties("callcenter.language")
public record LanguageProperties(List<String> languages, boolean lowAccuracyMode, double minimumRelativeDistance,
                                 int maxCharacters, FirstPass firstPass) {

    /** The stop-word first pass ({@link StopWordFirstPass}): on or off, and how much evidence settles a text. */
    public record FirstPass(boolean enabled, int minStopWords, double minShare) {
    }
}

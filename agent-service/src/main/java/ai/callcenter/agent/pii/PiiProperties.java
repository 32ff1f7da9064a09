package ai.callcenter.agent.pii;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callcenter.pii.*}: how the recognisers are tuned and where the name finders are.
 *
 * @param phoneRegions    default regions for national-format phone numbers
 * @param phoneMinDigits  fewest digits of a phone number (excludes short codes, postcodes)
 * @param nameLocales     datafaker locales whose name lists feed the person gazetteer
 * @param cueWindow       characters before a value in which a context cue must end
 * @param personMaxTokens longest person name, in tokens
 * @param addressMaxLines following lines (town, region, country) an address may take
 * @param nameModelDir    the PII-models directory written by {@code bin/callcenter pii-models}
 * @param rulesOnly       run without the name finders (names and addresses found by rules only,
 *                        recall drops: docs/pii.md); off by default, so a missing directory stops
 *                        start-up instead of silently scrubbing less
 */
@ConfigurationProperties("callcenter.pii")
public record PiiProperties(List<String> phoneRegions, int phoneMinDigits, List<String> nameLocales, int cueWindow,
                            int personMaxTokens, int addressMaxLines, String nameModelDir, boolean rulesOnly) {

    public PiiProperties {
        phoneRegions = List.copyOf(phoneRegions);
        nameLocales = List.copyOf(nameLocales);
        nameModelDir = nameModelDir == null ? "" : nameModelDir.trim();
    }

    /** The same settings with the name finders read from another directory. */
    public PiiProperties withNameModelDir(String dir) {
        return new PiiProperties(phoneRegions, phoneMinDigits, nameLocales, cueWindow, personMaxTokens, addressMaxLines,
                dir, false);
    }

    /** The same settings without the name finders. */
    public PiiProperties withRulesOnly() {
        return new PiiProperties(phoneRegions, phoneMinDigits, nameLocales, cueWindow, personMaxTokens, addressMaxLines,
                nameModelDir, true);
    }
}

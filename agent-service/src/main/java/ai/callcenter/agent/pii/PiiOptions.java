package ai.callcenter.agent.pii;

import java.util.List;

/**
 * Tuning knobs of the recognisers (bound from {@code callcenter.pii.*} in the service; the
 * defaults live in application.yaml only).
 *
 * @param phoneRegions          default regions for national-format phone numbers
 * @param phoneMinDigits        fewest digits of a phone number (excludes short codes, postcodes)
 * @param nameLocales           datafaker locales whose name lists feed the person gazetteer
 * @param cueWindow             characters before a value in which a context cue must end
 * @param personMaxTokens       longest person name, in tokens
 * @param addressMaxLines       following lines (town, region, country) an address may take
 */
public record PiiOptions(List<String> phoneRegions, int phoneMinDigits, List<String> nameLocales, int cueWindow, int personMaxTokens, int addressMaxLines) {

    public PiiOptions {
        phoneRegions = List.copyOf(phoneRegions);
        nameLocales = List.copyOf(nameLocales);
    }
}

package ai.callcenter.agent.pii;

import java.util.List;

/**
 * Tuning knobs of the recognisers (bound from {@code callcenter.pii.*} in the service; defaults
 * live in application.yaml, and {@link #defaults()} mirrors them for tests and benchmarks).
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

    public static PiiOptions defaults() {
        return new PiiOptions(
                List.of("US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA", "DE", "AT", "CH", "FR", "BE", "NL", "LU", "IT", "ES", "PT",
                        "BR", "MX", "AR", "DK", "SE", "NO", "FI", "IS", "PL", "CZ", "SK", "HU", "RO", "BG", "GR", "CY", "HR", "SI",
                        "RS", "RU", "UA", "TR", "IL", "JP", "CN", "KR", "SG", "PH"),
                7,
                List.of("en", "en-AU", "en-IN", "en-NG", "en-NZ", "en-PH", "en-PK", "en-SG", "en-UG", "en-ZA", "ar", "ca", "cs-CZ",
                        "da-DK", "de", "de-AT", "de-CH", "el-GR", "es", "es-AR", "es-MX", "et", "fa", "fi-FI", "fr", "fr-CA", "fr-CH",
                        "he", "hr", "hu", "hy", "id", "it", "ja", "ka", "ko", "lv", "mk", "nb-NO", "nl", "pl", "pt", "pt-BR", "ro-MD",
                        "ru", "sk", "sq", "sv", "ta", "th", "tr", "uk", "vi", "zh-CN"),
                30, 4, 4);
    }
}

package ai.callcenter.agent.language;

/**
 * @param language   lingua language name (e.g. GERMAN), or UNKNOWN
 * @param isoCode    ISO 639-1 code (e.g. de), or "und" (undetermined, ISO 639-2) when unknown
 * @param confidence lingua's relative confidence in [0, 1] for the chosen language
 */
public record DetectedLanguage(String language, String isoCode, double confidence) {

    public static final DetectedLanguage UNKNOWN = new DetectedLanguage("UNKNOWN", "und", 0.0);

    public boolean known() {
        return !UNKNOWN.language.equals(language);
    }
}

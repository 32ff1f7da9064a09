package ai.callcenter.agent.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Detects the language of a ticket with lingua, restricted to an explicit list of languages.
 * The n-gram models of the listed languages are loaded once at construction (preloading), so the
 * first request is as fast as the others; an explicit list keeps heap bounded (all 75 languages
 * in high-accuracy mode need over 1 GB) and avoids confusing close languages the platform never
 * receives.
 */
public final class LanguageDetector {

    private final com.github.pemistahl.lingua.api.LanguageDetector detector;
    private final List<Language> languages;

    /**
     * @param languageNames           lingua {@link Language} names, e.g. ENGLISH, GERMAN, BOKMAL
     * @param lowAccuracyMode         use only trigram models (less heap, worse on short texts)
     * @param minimumRelativeDistance lingua's margin between the top two languages below which
     *                                it answers UNKNOWN; 0 always answers
     */
    public LanguageDetector(List<String> languageNames, boolean lowAccuracyMode, double minimumRelativeDistance) {
        List<Language> langs = new ArrayList<>();
        for (String name : languageNames) {
            langs.add(Language.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
        if (langs.size() < 2) {
            throw new IllegalArgumentException("lingua needs at least two languages, got " + langs);
        }
        this.languages = List.copyOf(langs);
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(langs.toArray(new Language[0]))
                .withPreloadedLanguageModels()
                .withMinimumRelativeDistance(minimumRelativeDistance);
        if (lowAccuracyMode) {
            builder = builder.withLowAccuracyMode();
        }
        this.detector = builder.build();
    }

    public List<Language> languages() {
        return languages;
    }

    /** The detected language, or {@link DetectedLanguage#UNKNOWN} for empty or undecidable text. */
    public DetectedLanguage detect(String text) {
        if (text == null || text.isBlank()) {
            return DetectedLanguage.UNKNOWN;
        }
        Language lang = detector.detectLanguageOf(text);
        if (lang == Language.UNKNOWN) {
            return DetectedLanguage.UNKNOWN;
        }
        Map<Language, Double> confidences = detector.computeLanguageConfidenceValues(text);
        double confidence = confidences.getOrDefault(lang, 0.0);
        return new DetectedLanguage(lang.name(), isoCode(lang), confidence);
    }

    /** ISO 639-1 code; lingua's BOKMAL and NYNORSK carry nb and nn. */
    static String isoCode(Language lang) {
        return lang.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }
}

package ai.callcenter.agent.routing;

import ai.callcenter.api.ModelInfo;
import java.util.Optional;

/**
 * Which model reads a ticket's language. A model answers only as well as it reads: tfidf trained on
 * English texts gets a German ticket right about three times in ten, a cross-lingual head over a
 * multilingual encoder nearly nine (docs/multilingual.md). So a ticket in a language the first model
 * was not trained on goes to the second model alone when that one reads it, and is flagged for review
 * when no model does. Pure: the models' descriptions come from their {@code GET /model}.
 *
 * @param decision   replaces the cascade's decision when present
 * @param reviewNote set when no model reads the language well: the answer is only a best guess
 */
public record LanguageCoverage(Optional<CascadePolicy.Decision> decision, String reviewNote) {

    static final String SEGMENT = "language";
    static final String UNDETERMINED = "und";
    private static final LanguageCoverage CASCADE = new LanguageCoverage(Optional.empty(), null);

    /** Also replayed offline by evaluate-router, so its figures are the served behaviour. */
    public static LanguageCoverage of(String language, String firstName, Optional<ModelInfo> first, String secondName,
                               Optional<ModelInfo> second) {
        if (language == null || UNDETERMINED.equals(language) || first.isEmpty() || first.get().trainedOn(language)) {
            return CASCADE;
        }
        String untrained = language + ": " + firstName + " is trained on " + String.join(", ", first.get().languages());
        if (second.isPresent() && second.get().languages() != null && second.get().languages().contains(language)) {
            return new LanguageCoverage(Optional.of(new CascadePolicy.Decision(true, true, SEGMENT,
                    untrained + "; " + secondName + " is trained on " + language + " and answers")), null);
        }
        if (second.isPresent() && second.get().crossLingual() != null) {
            ModelInfo.CrossLingualHead head = second.get().crossLingual();
            String reason = untrained + "; " + secondName + "'s " + head.head() + " head (" + head.encoder() + ") answers";
            String note = head.languages().contains(language) ? null
                    : language + " is not one of " + head.encoder() + "'s languages, the answer is only a best guess";
            return new LanguageCoverage(Optional.of(new CascadePolicy.Decision(true, true, SEGMENT, reason)), note);
        }
        return new LanguageCoverage(Optional.empty(), "no model is trained on " + language + ", the answer is only a best guess");
    }
}

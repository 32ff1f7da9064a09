package ai.callcenter.ml.training;

import java.util.List;

/**
 * What a training run needs besides the examples themselves.
 *
 * @param languages ISO 639-1 codes of the languages the training texts are written in, as the caller
 *                  detected them (recorded in metadata.json; the agent sends a ticket in another language
 *                  to a model that reads it); empty when unknown
 */
public record TrainingContext(long seed, String dataSha256, Progress progress, List<String> languages) {

    public TrainingContext {
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    /** A run whose data languages are not known. */
    public TrainingContext(long seed, String dataSha256, Progress progress) {
        this(seed, dataSha256, progress, List.of());
    }
}

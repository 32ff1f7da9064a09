package ai.callcenter.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The part of a classifier's {@code GET /model} metadata the agent needs.
 *
 * @param languages    languages of the model's training texts; null from a model that did not record them
 * @param crossLingual the model's second head for other languages, when it has one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelInfo(@JsonProperty("model_type") String modelType, String version, List<String> labels,
                        List<String> languages, @JsonProperty("cross_lingual") CrossLingualHead crossLingual) {

    public ModelInfo {
        labels = labels == null ? List.of() : List.copyOf(labels);
        languages = languages == null ? null : List.copyOf(languages);
    }

    public ModelInfo(String modelType, String version, List<String> labels) {
        this(modelType, version, labels, null, null);
    }

    /** Whether the main head was trained on texts in {@code language}; a model that did not record its languages is taken to. */
    public boolean trainedOn(String language) {
        return languages == null || languages.isEmpty() || languages.contains(language);
    }

    /**
     * @param encoder   the multilingual encoder the head reads through
     * @param languages the languages that encoder is made for
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CrossLingualHead(String head, String encoder, List<String> languages) {

        public CrossLingualHead {
            languages = languages == null ? List.of() : List.copyOf(languages);
        }
    }
}

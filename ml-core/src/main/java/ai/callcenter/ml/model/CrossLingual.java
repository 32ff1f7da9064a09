package ai.callcenter.ml.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A model's second head, trained on the same labelled texts through a multilingual encoder, that
 * answers texts in languages the training texts are not in (docs/multilingual.md).
 *
 * @param head      the name answers from it carry ({@link #HEAD})
 * @param encoder   the multilingual encoder it reads through
 * @param languages the languages that encoder is made for; others still get this head, flagged for review by the agent
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CrossLingual(String head, String encoder, List<String> languages) {

    public static final String HEAD = "cross-lingual";

    public CrossLingual {
        languages = languages == null ? List.of() : List.copyOf(languages);
    }
}

package ai.callcenter.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One ticket to classify. {@code ticket_id} is optional and echoed back untouched. {@code language}
 * is optional too: the ticket's language when the caller knows it (the agent then does not detect
 * it; a classifier with a cross-lingual head answers a language it was not trained on with that head).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PredictRequest(
        @NotBlank(message = "text must not be blank") String text,
        @Size(max = 200, message = "ticket_id must be at most 200 characters") @JsonProperty("ticket_id") String ticketId,
        @Schema(description = "ISO 639-1 code of the text's language, lower case, when known; detected when absent", example = "es")
        @Pattern(regexp = "[a-z]{2,3}", message = "language must be an ISO 639-1 code such as en or es")
        String language) {

    public PredictRequest(String text, String ticketId) {
        this(text, ticketId, null);
    }
}

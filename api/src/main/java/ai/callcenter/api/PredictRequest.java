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
        @Schema(description = "the ticket, with at least one character above U+0020 (its length limit is configuration: "
                + "maxLength in the served document)", pattern = PredictRequest.NOT_BLANK, example = "my card has not arrived")
        @NotBlank(message = "text must not be blank") String text,
        @Schema(description = "echoed back untouched", types = {"string", "null"})
        @Size(max = 200, message = "ticket_id must be at most 200 characters") @JsonProperty("ticket_id") String ticketId,
        @Schema(description = "ISO 639-1 code of the text's language, lower case, when known; detected when absent or null",
                example = "es", types = {"string", "null"})
        @Pattern(regexp = "^[a-z]{2,3}$", message = "language must be an ISO 639-1 code such as en or es")
        String language) {

    /**
     * The contract's blank, the one {@code @NotBlank} checks: no character above U+0020 (what String.trim
     * removes). Every service refuses such a text the same way, and the OpenAPI pattern says the same.
     */
    public static final String NOT_BLANK = "[^\\u0000-\\u0020]";

    public PredictRequest(String text, String ticketId) {
        this(text, ticketId, null);
    }

    public static boolean isBlank(String text) {
        return text == null || text.trim().isEmpty();
    }
}

package ai.callcenter.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** One ticket to classify. {@code ticket_id} is optional and echoed back untouched. */
public record PredictRequest(
        @NotBlank(message = "text must not be blank") String text,
        @Size(max = 200, message = "ticket_id must be at most 200 characters") @JsonProperty("ticket_id") String ticketId) {
}

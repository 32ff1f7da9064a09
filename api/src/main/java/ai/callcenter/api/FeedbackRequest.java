package ai.callcenter.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The true category of an earlier ticket, as decided by the human agent. */
public record FeedbackRequest(
        @NotBlank(message = "ticket_id must not be blank") @Size(max = 200, message = "ticket_id must be at most 200 characters")
        @JsonProperty("ticket_id") String ticketId,
        @NotBlank(message = "category must not be blank") @Size(max = 200, message = "category must be at most 200 characters")
        String category) {
}

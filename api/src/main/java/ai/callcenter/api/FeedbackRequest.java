package ai.callcenter.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The true category of an earlier ticket, as decided by the human agent. */
public record FeedbackRequest(
        @Schema(description = "the ticket_id of an earlier /predict, with a character above U+0020", pattern = PredictRequest.NOT_BLANK)
        @NotBlank(message = "ticket_id must not be blank") @Size(max = 200, message = "ticket_id must be at most 200 characters")
        @JsonProperty("ticket_id") String ticketId,
        @Schema(description = "the true category, with a character above U+0020", pattern = PredictRequest.NOT_BLANK)
        @NotBlank(message = "category must not be blank") @Size(max = 200, message = "category must be at most 200 characters")
        String category) {
}

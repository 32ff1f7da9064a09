package ai.callcenter.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/** Several tickets in one call; the size limit is configuration, checked by the serving layer. */
public record BatchPredictRequest(
        @NotEmpty(message = "items must contain at least one ticket") List<@Valid PredictRequest> items) {
}

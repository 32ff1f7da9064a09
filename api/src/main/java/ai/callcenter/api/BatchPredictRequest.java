package ai.callcenter.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Several tickets in one call; the size limit is configuration, checked by the serving layer. */
public record BatchPredictRequest(
        @NotEmpty(message = "items must contain at least one ticket")
        List<@NotNull(message = "items must not contain null") @Valid PredictRequest> items) {
}

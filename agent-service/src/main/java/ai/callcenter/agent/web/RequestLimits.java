package ai.callcenter.agent.web;

import ai.callcenter.api.BatchPredictRequest;
import ai.callcenter.api.PredictRequest;
import ai.callcenter.serving.web.InvalidRequestException;
import org.springframework.http.HttpStatus;

/** Size limits checked before any work; messages name the field and the limit, never the text. */
final class RequestLimits {

    private RequestLimits() {
    }

    static void check(BatchPredictRequest batch, RequestLimitsProperties limits) {
        if (batch.items().size() > limits.maxBatchSize()) {
            throw new InvalidRequestException(HttpStatus.PAYLOAD_TOO_LARGE, "items has " + batch.items().size()
                    + " tickets; at most " + limits.maxBatchSize() + " are accepted");
        }
        for (int i = 0; i < batch.items().size(); i++) {
            check(batch.items().get(i), "items[" + i + "].text", limits);
        }
    }

    static void check(PredictRequest request, String field, RequestLimitsProperties limits) {
        if (request == null || PredictRequest.isBlank(request.text())) {
            throw new InvalidRequestException(HttpStatus.BAD_REQUEST, field + " must not be blank");
        }
        if (request.text().length() > limits.maxTextLength()) {
            throw new InvalidRequestException(HttpStatus.PAYLOAD_TOO_LARGE, field + " has " + request.text().length()
                    + " characters; at most " + limits.maxTextLength() + " are accepted");
        }
    }
}

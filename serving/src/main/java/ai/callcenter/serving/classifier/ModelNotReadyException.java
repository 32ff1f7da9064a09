package ai.callcenter.serving.classifier;

import ai.callcenter.serving.web.ProblemDetailsAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The model is still loading or could not be loaded: 503, so a client retries elsewhere or later. */
public class ModelNotReadyException extends ErrorResponseException {

    public ModelNotReadyException(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetailsAdvice.problem(HttpStatus.SERVICE_UNAVAILABLE, "Model not ready", detail), null);
    }
}

package ai.callcenter.agent.routing;

import ai.callcenter.serving.web.ProblemDetailsAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The routing followed in the registry is not loaded yet: 503, so a client retries elsewhere or later. */
public class RoutingNotReadyException extends ErrorResponseException {

    public RoutingNotReadyException(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetailsAdvice.problem(HttpStatus.SERVICE_UNAVAILABLE, "Routing not ready", detail), null);
    }
}

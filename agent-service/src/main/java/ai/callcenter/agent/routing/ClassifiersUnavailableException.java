package ai.callcenter.agent.routing;

import ai.callcenter.serving.web.ProblemDetailsAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Every classifier failed for a ticket: the only case in which the agent answers 503. */
public class ClassifiersUnavailableException extends ErrorResponseException {

    public ClassifiersUnavailableException(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetailsAdvice.problem(HttpStatus.SERVICE_UNAVAILABLE, "Classifiers unavailable", detail), null);
    }
}

package ai.callcenter.serving.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page in problem+json: what the servlet container forwards here (a broken chunked body, an error
 * outside Spring MVC) gets the same body as any other error, and {@code /error} asked for directly is a 404, not
 * Spring Boot's default 500 with {@code "status": 999}. Replaces Spring Boot's BasicErrorController; not part of the
 * API, so not in the OpenAPI document.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null) {
            ProblemResponses.write(request, response, HttpStatus.NOT_FOUND, "no such endpoint");
            return;
        }
        ProblemResponses.write(request, response, status, status.is5xxServerError()
                ? "the request could not be processed" : "the request could not be read");
    }
}

package ai.callcenter.serving.web;

import org.springframework.http.HttpStatus;

/** A request the client must change; its message is safe to return (it never quotes the text). */
public class InvalidRequestException extends RuntimeException {

    private final HttpStatus status;

    public InvalidRequestException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}

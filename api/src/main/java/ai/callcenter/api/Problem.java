package ai.callcenter.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error answer ({@code application/problem+json}, RFC 9457) of every service. {@code detail}
 * names the field and the rule that failed, never the submitted text.
 *
 * @param type     a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title    short summary of the kind of problem, e.g. "Invalid request"
 * @param status   the HTTP status code
 * @param detail   what was wrong with this request
 * @param instance the request path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}

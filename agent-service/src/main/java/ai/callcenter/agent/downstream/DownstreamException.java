package ai.callcenter.agent.downstream;

/**
 * A classifier service could not answer (timeout, connection refused, 5xx, open circuit). The
 * message names the service and the failure kind only, never the ticket text.
 */
public class DownstreamException extends RuntimeException {

    private final String service;

    public DownstreamException(String service, String message, Throwable cause) {
        super(service + ": " + message, cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}

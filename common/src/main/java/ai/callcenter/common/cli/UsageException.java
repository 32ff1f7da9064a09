package ai.callcenter.common.cli;

/** A command line that cannot be run as given; the message says what to change. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}

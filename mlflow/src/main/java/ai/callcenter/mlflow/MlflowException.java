package ai.callcenter.mlflow;

/**
 * The MLflow server refused a call or could not be reached. The message holds the HTTP status and
 * MLflow's error code and message, never a request body.
 */
public class MlflowException extends RuntimeException {

    /** MLflow's code for a name, version or alias that does not exist. */
    static final String NOT_FOUND = "RESOURCE_DOES_NOT_EXIST";

    private final int status;
    private final String errorCode;

    public MlflowException(String message, int status, String errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status, or 0 when the server could not be reached. */
    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    /** The server answered that the thing asked for does not exist (a missing alias comes back as a 400). */
    public boolean notFound() {
        return NOT_FOUND.equals(errorCode) || status == 404
                || (errorCode != null && errorCode.equals("INVALID_PARAMETER_VALUE") && getMessage().contains("not found"));
    }

    public boolean unreachable() {
        return status == 0;
    }
}

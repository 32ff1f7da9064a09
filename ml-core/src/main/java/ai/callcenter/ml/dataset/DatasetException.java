package ai.callcenter.ml.dataset;

/** A data file that cannot be used, with a message meant for the person who passed it. */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}

package ai.callcenter.tools.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Where a command writes: progress and messages to {@code err}, and to {@code out} only what a
 * script reads, with the result as one JSON object on the last line (the command-line contract).
 */
public record Console(PrintStream out, PrintStream err) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Console system() {
        return new Console(System.out, System.err);
    }

    /** Prints the command's result as the last line of stdout. */
    public void result(Map<String, ?> result) {
        try {
            out.println(JSON.writeValueAsString(result));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the result as JSON", e);
        }
    }
}

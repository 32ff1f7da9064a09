package ai.callcenter.tools;

import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.training.ModelTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** One run of the command line in this JVM, with what it printed. */
public record CommandRun(int exit, String stdout, String stderr) {

    /** Runs {@code callcenter args...} with the real model types. */
    public static CommandRun of(String... args) {
        return of(ModelTypes.fromSettings(), args);
    }

    public static CommandRun of(ModelTypes modelTypes, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CallcenterCli.run(new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), modelTypes, args);
        return new CommandRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The result: the last line of stdout, as JSON. */
    public JsonNode json() {
        String[] lines = stdout.strip().split("\n");
        try {
            return new ObjectMapper().readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new UncheckedIOException("the last stdout line is not JSON: " + lines[lines.length - 1], e);
        }
    }
}

package ai.callcenter.serving.artifact;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service was started without an artifact it serves (a model directory, the PII models, a router
 * file). Services never make their own artifacts: the message names the command that does.
 */
public class MissingArtifactException extends IllegalStateException {

    private final String artifact;
    private final String location;
    private final String makeCommand;

    /** @param artifact what is missing, e.g. "tfidf model" */
    public MissingArtifactException(String artifact, String location, String makeCommand) {
        super("no " + artifact + " at " + location + "; make it with: " + makeCommand);
        this.artifact = artifact;
        this.location = location;
        this.makeCommand = makeCommand;
    }

    /** Throws unless {@code file} exists as a regular file. */
    public static void requireFile(Path file, String artifact, String makeCommand) {
        if (!Files.isRegularFile(file)) {
            throw new MissingArtifactException(artifact, file.toAbsolutePath().toString(), makeCommand);
        }
    }

    public String artifact() {
        return artifact;
    }

    public String location() {
        return location;
    }

    public String makeCommand() {
        return makeCommand;
    }
}

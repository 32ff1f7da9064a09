package ai.callcenter.agent.pii;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import opennlp.tools.namefind.TokenNameFinderModel;

/**
 * The scrubber's two trained name finders, as a PII-models directory holds them: the cased one and
 * the one for text written without capitals ({@link CaseAwareNameFinder}). {@code bin/callcenter
 * pii-models} writes the directory ({@link NameModelTraining}); the agent only reads it.
 */
public record NameModels(TokenNameFinderModel cased, TokenNameFinderModel caseless) {

    public static final String CASED_FILE = "name-finder.bin";
    public static final String CASELESS_FILE = "name-finder-caseless.bin";
    public static final String METADATA_FILE = "metadata.json";

    /** Whether {@code dir} holds both models. */
    public static boolean presentIn(Path dir) {
        return Files.isRegularFile(dir.resolve(CASED_FILE)) && Files.isRegularFile(dir.resolve(CASELESS_FILE));
    }

    public static NameModels read(Path dir) {
        try {
            return new NameModels(NameFinderRecognizer.deserialize(Files.readAllBytes(dir.resolve(CASED_FILE))),
                    NameFinderRecognizer.deserialize(Files.readAllBytes(dir.resolve(CASELESS_FILE))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PII name models in " + dir, e);
        }
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(CASED_FILE), NameFinderRecognizer.serialize(cased));
        Files.write(dir.resolve(CASELESS_FILE), NameFinderRecognizer.serialize(caseless));
    }
}

package ai.callcenter.tools;

import ai.callcenter.agent.pii.NameModelTraining;
import ai.callcenter.agent.pii.PresidioDataset;
import ai.callcenter.testing.SharedData;
import java.nio.file.Path;

/** The PII name finders trained from the shared presidio data, cached under the temp dir across test JVMs. */
public final class TestPiiModels {

    /** The agent's setting the tools read (through the agent's application.yaml, overridable by system property). */
    public static final String PROPERTY = "callcenter.pii.name-model-dir";

    private TestPiiModels() {
    }

    public static synchronized Path directory() {
        return NameModelTraining.cachedDirectory(SharedData.file(PresidioDataset.RELATIVE_PATH),
                Path.of(System.getProperty("java.io.tmpdir"), "callcenter-pii"));
    }
}

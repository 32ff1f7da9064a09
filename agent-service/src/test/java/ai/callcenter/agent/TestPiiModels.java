package ai.callcenter.agent;

import ai.callcenter.agent.pii.NameModelTraining;
import ai.callcenter.agent.pii.PiiProperties;
import ai.callcenter.agent.pii.PresidioDataset;
import ai.callcenter.serving.settings.ServiceSettings;
import ai.callcenter.testing.SharedData;
import java.nio.file.Path;

/**
 * The agent's PII settings from application.yaml, with the name finders trained from the shared
 * presidio data (once: the directory is cached under the temp dir by a hash of data and parameters).
 */
public final class TestPiiModels {

    private static Path directory;

    private TestPiiModels() {
    }

    public static synchronized Path directory() {
        if (directory == null) {
            directory = NameModelTraining.cachedDirectory(SharedData.file(PresidioDataset.RELATIVE_PATH),
                    Path.of(System.getProperty("java.io.tmpdir"), "callcenter-pii"));
        }
        return directory;
    }

    /** The service's PII settings with the trained name finders. */
    public static PiiProperties settings() {
        return ServiceSettings.of(AgentApplication.class).bind(PiiProperties.class).withNameModelDir(directory().toString());
    }
}

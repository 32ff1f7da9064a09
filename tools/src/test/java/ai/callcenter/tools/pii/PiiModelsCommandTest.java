package ai.callcenter.tools.pii;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.AgentApplication;
import ai.callcenter.agent.pii.NameModels;
import ai.callcenter.agent.pii.PiiProperties;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.pii.PiiScrubbers;
import ai.callcenter.agent.pii.PresidioDataset;
import ai.callcenter.serving.settings.ServiceSettings;
import ai.callcenter.testing.SharedData;
import ai.callcenter.tools.CommandRun;
import ai.callcenter.tools.TestPiiModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pii-models writes the directory the agent reads its name finders from; training is deterministic,
 * so the directory scrubs exactly like the models the other tests train, and unlike rules alone.
 */
class PiiModelsCommandTest {

    @Test
    void theWrittenDirectoryIsWhatTheAgentServes(@TempDir Path dir) throws Exception {
        Path data = SharedData.file(PresidioDataset.RELATIVE_PATH);
        Path out = dir.resolve("pii-models");
        CommandRun run = CommandRun.of("pii-models", "--data", data.toString(), "--out", out.toString());
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.json().get("train_sentences").asInt()).isPositive();
        assertThat(out.resolve(NameModels.CASED_FILE)).isRegularFile();
        assertThat(out.resolve(NameModels.CASELESS_FILE)).isRegularFile();
        assertThat(out.resolve(NameModels.METADATA_FILE)).isRegularFile();

        PiiProperties agent = ServiceSettings.of(AgentApplication.class).bind(PiiProperties.class);
        PiiScrubber written = PiiScrubbers.create(agent.withNameModelDir(out.toString()));
        PiiScrubber reference = PiiScrubbers.create(agent.withNameModelDir(TestPiiModels.directory().toString()));
        PiiScrubber rules = PiiScrubbers.create(agent.withRulesOnly());
        int differsFromRules = 0;
        for (PresidioDataset.Sample s : PresidioDataset.load(data, PresidioDataset.Split.TEST)) {
            assertThat(written.detect(s.text())).as(s.text()).isEqualTo(reference.detect(s.text()));
            String lower = PresidioDataset.Typing.LOWER_CASE.apply(s.text());
            assertThat(written.detect(lower)).as(lower).isEqualTo(reference.detect(lower));
            if (!written.detect(s.text()).equals(rules.detect(s.text()))) {
                differsFromRules++;
            }
        }
        assertThat(differsFromRules).as("the directory's models are actually used").isPositive();
    }

    @Test
    void badInputIsAClearError(@TempDir Path dir) throws Exception {
        CommandRun missing = CommandRun.of("pii-models", "--data", dir.resolve("nope.json").toString(), "--out", dir.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).contains("no such file");
        Path notPresidio = Files.writeString(dir.resolve("x.json"), "[{\"text\": \"hello\"}]");
        CommandRun wrong = CommandRun.of("pii-models", "--data", notPresidio.toString(), "--out", dir.resolve("m").toString());
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.stderr()).contains("not a presidio synthetic dataset");
        assertThat(CommandRun.of("pii-models", "--out", dir.toString()).exit()).isEqualTo(2);
    }
}

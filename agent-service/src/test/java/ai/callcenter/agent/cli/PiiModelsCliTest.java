package ai.callcenter.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.TestData;
import ai.callcenter.agent.bench.AgentDefaults;
import ai.callcenter.agent.bench.PresidioDataset;
import ai.callcenter.agent.pii.NameFinderModels;
import ai.callcenter.agent.pii.PiiOptions;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.pii.PiiScrubbers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pii-models writes the scrubber's name finders to a directory, and a scrubber configured with that
 * directory and no training data (a container without the dataset) finds what the trained one finds.
 */
class PiiModelsCliTest {

    @Test
    void aDeploymentWithoutTheDatasetScrubsLikeOneWithIt(@TempDir Path dir) throws Exception {
        Path data = TestData.file(PresidioDataset.RELATIVE_PATH);
        Path out = dir.resolve("pii-models");
        RouterCliTest.Run run = RouterCliTest.run("pii-models", "--data", data.toString(), "--out", out.toString());
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.json().get("train_sentences").asInt()).isPositive();
        assertThat(out.resolve(NameFinderModels.CASED_FILE)).isRegularFile();
        assertThat(out.resolve(NameFinderModels.CASELESS_FILE)).isRegularFile();
        assertThat(out.resolve(NameFinderModels.METADATA_FILE)).isRegularFile();

        PiiOptions defaults = AgentDefaults.load().piiOptions();
        PiiOptions fromDirectory = withModels(defaults, "", out.toString());
        PiiOptions rulesOnly = withModels(defaults, "", "");
        PiiScrubber deployed = PiiScrubbers.create(fromDirectory);
        PiiScrubber trained = PiiScrubbers.create(defaults);
        PiiScrubber rules = PiiScrubbers.create(rulesOnly);
        int differsFromRules = 0;
        for (PresidioDataset.Sample s : PresidioDataset.load(data, PresidioDataset.Split.TEST)) {
            assertThat(deployed.detect(s.text())).as(s.text()).isEqualTo(trained.detect(s.text()));
            String lower = PresidioDataset.Typing.LOWER_CASE.apply(s.text());
            assertThat(deployed.detect(lower)).as(lower).isEqualTo(trained.detect(lower));
            if (!deployed.detect(s.text()).equals(rules.detect(s.text()))) {
                differsFromRules++;
            }
        }
        assertThat(differsFromRules).as("the directory's models are actually used").isPositive();
    }

    @Test
    void badInputIsAClearError(@TempDir Path dir) throws Exception {
        RouterCliTest.Run missing = RouterCliTest.run("pii-models", "--data", dir.resolve("nope.json").toString(), "--out", dir.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).contains("no such file");
        Path notPresidio = Files.writeString(dir.resolve("x.json"), "[{\"text\": \"hello\"}]");
        RouterCliTest.Run wrong = RouterCliTest.run("pii-models", "--data", notPresidio.toString(), "--out", dir.resolve("m").toString());
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.stderr()).contains("not a presidio synthetic dataset");
        assertThat(RouterCliTest.run("pii-models", "--out", dir.toString()).exit()).isEqualTo(2);
    }

    private static PiiOptions withModels(PiiOptions o, String trainingData, String modelDir) {
        return new PiiOptions(o.phoneRegions(), o.phoneMinDigits(), o.nameLocales(), o.cueWindow(), o.personMaxTokens(),
                o.addressMaxLines(), trainingData, o.nameModelCacheDir(), modelDir);
    }
}

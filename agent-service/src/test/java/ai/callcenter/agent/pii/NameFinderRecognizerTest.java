package ai.callcenter.agent.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.callcenter.agent.TestPiiModels;
import ai.callcenter.serving.artifact.MissingArtifactException;
import ai.callcenter.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameFinderRecognizerTest {

    /** The models train on TRAIN templates only, or the held-out benchmark numbers would be contaminated. */
    @Test
    void trainingReadsNoHeldOutTemplate() throws Exception {
        var file = SharedData.file(PresidioDataset.RELATIVE_PATH);
        List<PresidioDataset.Sample> train = PresidioDataset.load(file, PresidioDataset.Split.TRAIN);
        List<PresidioDataset.Sample> all = PresidioDataset.load(file);
        assertThat(train).isNotEmpty().allSatisfy(s -> assertThat(s.templateId() % PresidioDataset.HELD_OUT_MODULUS).isNotZero());
        assertThat(train).hasSize((int) all.stream().filter(s -> s.templateId() % PresidioDataset.HELD_OUT_MODULUS != 0).count());
    }

    /** Trained on a small synthetic corpus (no dataset needed), the finder tags unseen names by context. */
    @Test
    void learnsNamesAndAddressesFromContext() {
        String[] first = {"Anna", "Bram", "Chiara", "Dmitri", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kasia", "Lior"};
        String[] last = {"Berg", "Costa", "Dahl", "Evans", "Fischer", "Garcia", "Horvat", "Ito", "Jensen", "Kowalski", "Lund", "Moreau"};
        String[] street = {"Oak", "Maple", "Harbour", "Mill", "Station", "Church", "Bridge", "Park", "Castle", "River", "Forest", "Lake"};
        List<PresidioDataset.Sample> corpus = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String name = first[i % 12] + " " + last[(i * 5) % 12];
            String address = (10 + i) + " " + street[(i * 7) % 12] + " Street";
            String prefix = i % 2 == 0 ? "Please ask " : "Yesterday ";
            String middle = " moved to ";
            String text = prefix + name + middle + address + " last week.";
            int ns = prefix.length();
            int as = ns + name.length() + middle.length();
            corpus.add(new PresidioDataset.Sample(text, List.of(
                    new PresidioDataset.GoldSpan("PERSON", ns, ns + name.length()),
                    new PresidioDataset.GoldSpan("STREET_ADDRESS", as, as + address.length())), 1));
        }
        NameFinderRecognizer finder = new NameFinderRecognizer(NameFinderRecognizer.train(corpus, 50, 1), 0.0, Set.of("last"));
        String text = "Please ask Zofia Nowak moved to 77 Elm Street last week.";
        List<PiiSpan> spans = finder.find(text);
        assertThat(spans).extracting(s -> s.type() + "=" + text.substring(s.start(), s.end()))
                .contains("PERSON=Zofia Nowak", "STREET_ADDRESS=77 Elm Street");
        // A serialized model decodes identically (a PII-models directory stores this form).
        NameFinderRecognizer reloaded = new NameFinderRecognizer(
                NameFinderRecognizer.deserialize(NameFinderRecognizer.serialize(finder.model())), 0.0, Set.of("last"));
        assertThat(reloaded.find(text)).isEqualTo(spans);
    }

    @Test
    void aMissingModelDirectoryStopsStartUpWithTheCommandThatMakesIt(@TempDir Path empty) {
        PiiProperties settings = TestPiiModels.settings().withNameModelDir(empty.toString());
        assertThatThrownBy(() -> PiiScrubbers.create(settings))
                .isInstanceOf(MissingArtifactException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("bin/callcenter pii-models");
        assertThat(PiiScrubbers.create(settings.withRulesOnly()).usesNameModels()).isFalse();
    }
}

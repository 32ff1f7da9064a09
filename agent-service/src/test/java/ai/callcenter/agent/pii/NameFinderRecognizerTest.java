package ai.callcenter.agent.pii;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.TestData;
import ai.callcenter.agent.bench.PresidioDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NameFinderRecognizerTest {

    /** The model's training split must be the benchmark's split, or held-out numbers would be contaminated. */
    @Test
    void trainingSplitIsTheBenchmarkSplit() throws Exception {
        assertThat(PresidioTrainingData.HELD_OUT_MODULUS).isEqualTo(PresidioDataset.HELD_OUT_MODULUS);
        var file = TestData.file(PresidioDataset.RELATIVE_PATH);
        List<PresidioTrainingData.Sentence> train = PresidioTrainingData.trainSentences(file);
        assertThat(train).isNotEmpty().allSatisfy(s -> assertThat(s.templateId() % PresidioDataset.HELD_OUT_MODULUS).isNotZero());
        assertThat(train).hasSize(PresidioDataset.load(file, PresidioDataset.Split.TRAIN).size());
    }

    /** Trained on a small synthetic corpus (no dataset needed), the finder tags unseen names by context. */
    @Test
    void learnsNamesAndAddressesFromContext() {
        String[] first = {"Anna", "Bram", "Chiara", "Dmitri", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kasia", "Lior"};
        String[] last = {"Berg", "Costa", "Dahl", "Evans", "Fischer", "Garcia", "Horvat", "Ito", "Jensen", "Kowalski", "Lund", "Moreau"};
        String[] street = {"Oak", "Maple", "Harbour", "Mill", "Station", "Church", "Bridge", "Park", "Castle", "River", "Forest", "Lake"};
        List<PresidioTrainingData.Sentence> corpus = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String name = first[i % 12] + " " + last[(i * 5) % 12];
            String address = (10 + i) + " " + street[(i * 7) % 12] + " Street";
            String prefix = i % 2 == 0 ? "Please ask " : "Yesterday ";
            String middle = " moved to ";
            String text = prefix + name + middle + address + " last week.";
            int ns = prefix.length();
            int as = ns + name.length() + middle.length();
            corpus.add(new PresidioTrainingData.Sentence(text, List.of(
                    new PresidioTrainingData.Entity("PERSON", ns, ns + name.length()),
                    new PresidioTrainingData.Entity("STREET_ADDRESS", as, as + address.length())), 1));
        }
        NameFinderRecognizer finder = new NameFinderRecognizer(NameFinderRecognizer.train(corpus, 50, 1), 0.0, Set.of("last"));
        String text = "Please ask Zofia Nowak moved to 77 Elm Street last week.";
        List<PiiSpan> spans = finder.find(text);
        assertThat(spans).extracting(s -> s.type() + "=" + text.substring(s.start(), s.end()))
                .contains("PERSON=Zofia Nowak", "STREET_ADDRESS=77 Elm Street");
        // A serialized model decodes identically (the cache stores this form).
        NameFinderRecognizer reloaded = new NameFinderRecognizer(
                NameFinderRecognizer.deserialize(NameFinderRecognizer.serialize(finder.model())), 0.0, Set.of("last"));
        assertThat(reloaded.find(text)).isEqualTo(spans);
    }

    @Test
    void missingTrainingDataMeansRulesOnly() {
        assertThat(NameFinderModels.resolve("")).isEmpty();
        assertThat(NameFinderModels.resolve("no/such/dir/synth_dataset_v2.json")).isEmpty();
    }
}

package ai.callcenter.tools.training;

import ai.callcenter.agent.AgentApplication;
import ai.callcenter.agent.language.LanguageConfiguration;
import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.language.LanguageProperties;
import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.serving.settings.ServiceSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The languages a model's training texts are written in, detected as the agent detects a ticket's,
 * so the agent can tell which model reads a ticket (docs/multilingual.md).
 */
final class TrainingLanguages {

    /** A seeded sample settles the languages of a large file; more texts do not change the answer. */
    static final int SAMPLE_SIZE = 1000;
    /**
     * A language counts from this share of the sample: short texts are often mistaken for a neighbouring
     * language (300 short English xSID sentences came out over 5 % Danish), and a language below it is
     * better read by the cross-lingual head than by a main head that saw little of it.
     */
    static final double MINIMUM_SHARE = 0.2;

    private TrainingLanguages() {
    }

    static List<String> detect(List<LabeledText> train, long seed) {
        LanguageProperties agent = ServiceSettings.of(AgentApplication.class).bind(LanguageProperties.class);
        // the agent's languages in lingua's low-accuracy mode: a fraction of the memory and load time, and the
        // shares over a whole sample come out the same as with the high-accuracy models
        LanguageDetector detector = LanguageConfiguration.detector(new LanguageProperties(agent.languages(), true,
                agent.minimumRelativeDistance(), agent.maxCharacters(), agent.firstPass()));
        List<LabeledText> sample = new ArrayList<>(train);
        Collections.shuffle(sample, new Random(seed));
        sample = sample.subList(0, Math.min(SAMPLE_SIZE, sample.size()));
        Map<String, Integer> counts = new TreeMap<>();
        for (LabeledText t : sample) {
            String language = detector.detect(t.text()).isoCode();
            if (!"und".equals(language)) {
                counts.merge(language, 1, Integer::sum);
            }
        }
        int total = sample.size();
        return counts.entrySet().stream()
                .filter(e -> e.getValue() >= MINIMUM_SHARE * total)
                .map(Map.Entry::getKey)
                .toList();
    }
}

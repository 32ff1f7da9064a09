package ai.callcenter.tools.tracking;

import ai.callcenter.agent.AgentApplication;
import ai.callcenter.agent.pii.PiiProperties;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.pii.PiiScrubbers;
import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.serving.settings.ServiceSettings;
import java.util.List;

/**
 * MLflow must never receive personal data, and a model directory carries words of its training
 * texts (tfidf's vocabulary). So a tracked run refuses data that the agent's scrubber would change:
 * scrub it first with {@code bin/callcenter scrub-data}, which is what the classifiers see behind
 * the agent anyway.
 */
public final class PersonalDataGuard {

    private PersonalDataGuard() {
    }

    /** @throws IllegalArgumentException naming how many texts hold personal data (never the texts) */
    public static void requireScrubbed(List<LabeledText> texts, String what) {
        PiiScrubber scrubber = PiiScrubbers.create(ServiceSettings.of(AgentApplication.class).bind(PiiProperties.class));
        long withPii = texts.stream().filter(t -> !scrubber.scrub(t.text()).types().isEmpty()).count();
        if (withPii > 0) {
            throw new IllegalArgumentException(what + ": " + withPii + " of " + texts.size() + " texts hold personal data"
                    + " the agent would scrub, and a tracked run would carry them to MLflow; scrub the data first"
                    + " (bin/callcenter scrub-data --data IN.csv --out OUT.csv)");
        }
    }
}

package ai.callcenter.agent.pii;

import ai.callcenter.agent.TestPiiModels;

/** One scrubber per test JVM: building it loads the name gazetteers (a few seconds). */
final class Scrubbers {

    static final PiiScrubber DEFAULT = PiiScrubbers.create(TestPiiModels.settings());

    private Scrubbers() {
    }

    /** The address rules with the shipped street words, four continuation lines and a 30-character cue window. */
    static AddressRecognizer addressRecognizer() {
        String words = "pii/street-words.txt";
        return new AddressRecognizer(PiiScrubbers.section(words, "[suffix]"), PiiScrubbers.section(words, "[prefix]"), 4, 30);
    }
}

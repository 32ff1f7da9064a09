package ai.callcenter.agent.pii;

import ai.callcenter.agent.TestPiiModels;

/** One scrubber per test JVM: building it loads the name gazetteers (a few seconds). */
final class Scrubbers {

    static final PiiScrubber DEFAULT = PiiScrubbers.create(TestPiiModels.settings());

    private Scrubbers() {
    }
}

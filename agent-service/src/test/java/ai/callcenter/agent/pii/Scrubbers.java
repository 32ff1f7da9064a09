package ai.callcenter.agent.pii;

import ai.callcenter.agent.bench.AgentDefaults;

/** One scrubber per test JVM: building it loads the name gazetteers (a few seconds). */
final class Scrubbers {

    static final PiiScrubber DEFAULT = PiiScrubbers.create(AgentDefaults.load().piiOptions());

    private Scrubbers() {
    }
}

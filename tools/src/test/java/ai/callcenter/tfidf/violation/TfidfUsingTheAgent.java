package ai.callcenter.tfidf.violation;

import ai.callcenter.agent.pii.PiiScrubber;

/** Breaks a boundary on purpose (BoundariesTest): one service calling another's code. */
public final class TfidfUsingTheAgent {

    public String scrub(PiiScrubber scrubber, String text) {
        return scrubber.scrub(text).text();
    }
}

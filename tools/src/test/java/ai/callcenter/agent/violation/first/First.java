package ai.callcenter.agent.violation.first;

import ai.callcenter.agent.violation.second.Second;

/** Breaks a boundary on purpose (BoundariesTest): half of a package cycle. */
public final class First {

    public Second next() {
        return new Second();
    }
}

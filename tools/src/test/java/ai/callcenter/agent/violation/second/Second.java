package ai.callcenter.agent.violation.second;

import ai.callcenter.agent.violation.first.First;

/** Breaks a boundary on purpose (BoundariesTest): the other half of a package cycle. */
public final class Second {

    public First back() {
        return new First();
    }
}

package ai.callcenter.agent.violation;

import ai.callcenter.tools.training.ModelTypes;

/** Breaks a boundary on purpose (BoundariesTest): serving code that trains. */
public final class AgentUsingTheTools {

    public Object trainAtStartUp() {
        return ModelTypes.fromSettings().named("tfidf");
    }
}

package ai.callcenter.agent.cache;

import ai.callcenter.agent.api.AgentResponse;
import java.util.Optional;

/** Caching switched off. */
public class NoAnswerCache implements AnswerCache {

    @Override
    public Optional<AgentResponse> get(String key) {
        return Optional.empty();
    }

    @Override
    public void put(String key, AgentResponse answer) {
    }

    @Override
    public String backend() {
        return "none";
    }
}

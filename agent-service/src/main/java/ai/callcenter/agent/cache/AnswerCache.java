package ai.callcenter.agent.cache;

import ai.callcenter.agent.api.AgentResponse;
import java.util.Optional;

/**
 * Final answers keyed by a hash of the scrubbed text and the model/router versions. Values are
 * answers without ticket id; they never hold text.
 */
public interface AnswerCache {

    Optional<AgentResponse> get(String key);

    void put(String key, AgentResponse answer);

    String backend();
}

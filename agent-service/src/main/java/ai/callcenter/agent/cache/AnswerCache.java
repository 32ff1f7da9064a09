package ai.callcenter.agent.cache;

import ai.callcenter.api.AgentResponse;
import ai.callcenter.serving.cache.CacheKeys;
import ai.callcenter.serving.cache.ResultCache;
import java.util.Optional;

/**
 * The agent's final answers by scrubbed text, in Redis or in process. A key holds a hash of the
 * text and of the versions of everything the answer depends on (both models and the fitted
 * routing), so a new model or router never serves an old answer; never the text itself.
 */
public class AnswerCache {

    private static final int VERSION_HASH_CHARS = 16;

    private final ResultCache<AgentResponse> answers;
    private final String keyPrefix;

    public AnswerCache(ResultCache<AgentResponse> answers, String keyPrefix) {
        this.answers = answers;
        this.keyPrefix = keyPrefix;
    }

    /** @param versions identifies the models and routing the answer comes from */
    public String keyFor(String versions, String scrubbedText) {
        return CacheKeys.of(keyPrefix, CacheKeys.sha256Hex(versions).substring(0, VERSION_HASH_CHARS), scrubbedText);
    }

    public Optional<AgentResponse> get(String key) {
        return answers.get(key);
    }

    public void put(String key, AgentResponse answer) {
        answers.put(key, answer);
    }

    public String backend() {
        return answers.backend();
    }
}

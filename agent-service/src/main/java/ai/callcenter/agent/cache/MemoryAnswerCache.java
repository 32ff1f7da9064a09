package ai.callcenter.agent.cache;

import ai.callcenter.agent.api.AgentResponse;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/** Per-replica cache for development and single-instance runs. */
public class MemoryAnswerCache implements AnswerCache {

    private final Cache<String, AgentResponse> cache;

    public MemoryAnswerCache(int maxEntries, Duration ttl) {
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
    }

    @Override
    public Optional<AgentResponse> get(String key) {
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    @Override
    public void put(String key, AgentResponse answer) {
        cache.put(key, answer);
    }

    @Override
    public String backend() {
        return "memory";
    }
}

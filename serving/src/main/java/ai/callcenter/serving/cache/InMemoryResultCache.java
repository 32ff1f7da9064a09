package ai.callcenter.serving.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/** In-process cache for a single instance, used when no Redis is configured. */
public class InMemoryResultCache<V> implements ResultCache<V> {

    private final Cache<String, V> cache;

    public InMemoryResultCache(long maxEntries, Duration ttl) {
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
    }

    @Override
    public Optional<V> get(String key) {
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    @Override
    public void put(String key, V value) {
        cache.put(key, value);
    }

    @Override
    public String backend() {
        return "memory";
    }
}

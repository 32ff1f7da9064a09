package ai.callcenter.serving.cache;

import java.util.Optional;

/**
 * Answers already computed, keyed by {@link CacheKeys}. Implementations never throw: a broken
 * cache must cost only speed, never a request. Values must never hold the request text.
 */
public interface ResultCache<V> {

    Optional<V> get(String key);

    void put(String key, V value);

    /** Name for metrics and logs: redis, memory or none. */
    String backend();
}

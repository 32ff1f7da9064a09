package ai.callcenter.common.serving.cache;

import ai.callcenter.common.model.Prediction;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/** In-process cache for a single instance, used when no Redis is configured. */
public class InMemoryPredictionCache implements PredictionCache {

    private final Cache<String, Prediction> cache;

    public InMemoryPredictionCache(long maxEntries, Duration ttl) {
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
    }

    @Override
    public Optional<Prediction> get(String key) {
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    @Override
    public void put(String key, Prediction prediction) {
        cache.put(key, prediction);
    }

    @Override
    public String backend() {
        return "memory";
    }
}

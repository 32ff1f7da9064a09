package ai.callcenter.common.serving.cache;

import ai.callcenter.common.model.Prediction;
import java.util.Optional;

/**
 * Answers already computed, keyed by {@link CacheKeys}. Implementations never throw: a broken
 * cache must cost only speed, never a request.
 */
public interface PredictionCache {

    Optional<Prediction> get(String key);

    void put(String key, Prediction prediction);

    /** Name for metrics and logs: redis, memory or none. */
    String backend();
}

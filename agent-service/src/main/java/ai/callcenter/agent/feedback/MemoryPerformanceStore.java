package ai.callcenter.agent.feedback;

import ai.callcenter.serving.cache.CacheKeys;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Single-replica store for development and tests without Redis. */
public class MemoryPerformanceStore implements PerformanceStore {

    private final int window;
    private final Cache<String, PredictionTrace> traces;
    private final Map<String, Deque<Boolean>> outcomes = new ConcurrentHashMap<>();

    public MemoryPerformanceStore(FeedbackProperties properties) {
        this.window = properties.window();
        this.traces = Caffeine.newBuilder().maximumSize(properties.traceMaxEntries())
                .expireAfterWrite(properties.traceTtl()).build();
    }

    @Override
    public void saveTrace(String ticketId, PredictionTrace trace) {
        traces.put(CacheKeys.sha256Hex(ticketId), trace);
    }

    @Override
    public Optional<PredictionTrace> trace(String ticketId) {
        return Optional.ofNullable(traces.getIfPresent(CacheKeys.sha256Hex(ticketId)));
    }

    @Override
    public void recordOutcome(String model, String language, boolean correct) {
        Deque<Boolean> q = outcomes.computeIfAbsent(model + ":" + language, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addFirst(correct);
            while (q.size() > window) {
                q.removeLast();
            }
        }
    }

    @Override
    public Optional<RollingAccuracy> accuracy(String model, String language) {
        return Optional.ofNullable(snapshotOf(model + ":" + language));
    }

    private RollingAccuracy snapshotOf(String key) {
        Deque<Boolean> q = outcomes.get(key);
        if (q == null) {
            return null;
        }
        synchronized (q) {
            return new RollingAccuracy(q.stream().filter(b -> b).count(), q.size());
        }
    }

    @Override
    public Map<String, RollingAccuracy> snapshot() {
        Map<String, RollingAccuracy> out = new TreeMap<>();
        outcomes.keySet().forEach(k -> out.put(k, snapshotOf(k)));
        return out;
    }

    @Override
    public String backend() {
        return "memory";
    }
}

package ai.callcenter.serving.cache;

import java.util.Optional;

public class NoResultCache<V> implements ResultCache<V> {

    @Override
    public Optional<V> get(String key) {
        return Optional.empty();
    }

    @Override
    public void put(String key, V value) {
    }

    @Override
    public String backend() {
        return "none";
    }
}

package ai.callcenter.common.serving.cache;

import ai.callcenter.common.model.Prediction;
import java.util.Optional;

public class NoPredictionCache implements PredictionCache {

    @Override
    public Optional<Prediction> get(String key) {
        return Optional.empty();
    }

    @Override
    public void put(String key, Prediction prediction) {
    }

    @Override
    public String backend() {
        return "none";
    }
}

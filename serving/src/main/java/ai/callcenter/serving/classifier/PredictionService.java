package ai.callcenter.serving.classifier;

import ai.callcenter.api.BatchPredictRequest;
import ai.callcenter.api.BatchPredictResponse;
import ai.callcenter.api.ClassifierResponse;
import ai.callcenter.api.PredictRequest;
import ai.callcenter.ml.model.Classified;
import ai.callcenter.ml.model.Prediction;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.serving.cache.CacheKeys;
import ai.callcenter.serving.cache.ResultCache;
import ai.callcenter.serving.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.springframework.http.HttpStatus;

/** Validation, cache lookup, model call and metrics for one or many tickets. */
public class PredictionService {

    private static final double NANOS_PER_SECOND = 1e9;

    private final LoadedModel model;
    private final ResultCache<Prediction> cache;
    private final PredictionMetrics metrics;
    private final ServingProperties limits;
    private final String keyPrefix;

    public PredictionService(LoadedModel model, ResultCache<Prediction> cache, PredictionMetrics metrics,
                             ServingProperties limits, String keyPrefix) {
        this.model = model;
        this.cache = cache;
        this.metrics = metrics;
        this.limits = limits;
        this.keyPrefix = keyPrefix;
    }

    public ClassifierResponse predict(PredictRequest request) {
        validateText(request.text(), "text");
        return predictAll(List.of(request)).get(0);
    }

    public BatchPredictResponse predictBatch(BatchPredictRequest request) {
        long started = System.nanoTime();
        List<PredictRequest> items = request.items();
        if (items.size() > limits.maxBatchSize()) {
            throw new InvalidRequestException(HttpStatus.PAYLOAD_TOO_LARGE,
                    "a batch holds at most " + limits.maxBatchSize() + " items; got " + items.size());
        }
        for (int i = 0; i < items.size(); i++) {
            validateText(items.get(i).text(), "items[" + i + "].text");
        }
        try (ModelLease lease = model.lease()) {
            List<ClassifierResponse> answers = predictAll(lease.model(), items);
            return new BatchPredictResponse(answers, lease.model().version(), seconds(System.nanoTime() - started));
        }
    }

    private List<ClassifierResponse> predictAll(List<PredictRequest> items) {
        try (ModelLease lease = model.lease()) {
            return predictAll(lease.model(), items);
        }
    }

    /** Cache hits answer at once; all misses go to the model as one batch. */
    private List<ClassifierResponse> predictAll(TextClassifier classifier, List<PredictRequest> items) {
        long started = System.nanoTime();
        int n = items.size();
        String[] normalized = new String[n];
        String[] keys = new String[n];
        Prediction[] predictions = new Prediction[n];
        boolean[] cached = new boolean[n];
        List<Integer> misses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            normalized[i] = classifier.normalizeForCache(items.get(i).text());
            // the same text in another language may get another head's answer
            String head = classifier.headFor(items.get(i).language());
            keys[i] = CacheKeys.of(keyPrefix, head == null ? classifier.version() : classifier.version() + ":" + head, normalized[i]);
            Optional<Prediction> hit = cache.get(keys[i]);
            if (hit.isPresent()) {
                predictions[i] = hit.get();
                cached[i] = true;
            } else {
                misses.add(i);
            }
        }
        if (!misses.isEmpty()) {
            List<Classified> classified = classifier.classify(misses.stream().map(i -> normalized[i]).toList(),
                    misses.stream().map(i -> items.get(i).language()).toList());
            for (int m = 0; m < misses.size(); m++) {
                int i = misses.get(m);
                predictions[i] = Prediction.of(classifier.labels(), classified.get(m), limits.topK());
                cache.put(keys[i], predictions[i]);
            }
        }
        long perItemNanos = (System.nanoTime() - started) / n;
        List<ClassifierResponse> answers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Prediction p = predictions[i];
            metrics.recordPrediction(p.category(), classifier.version(), cached[i], perItemNanos);
            OptionalDouble oov = classifier.outOfVocabularyRate(normalized[i]);
            answers.add(new ClassifierResponse(items.get(i).ticketId(), p.category(), p.confidence(), p.topK(),
                    classifier.version(), seconds(perItemNanos), cached[i], oov.isPresent() ? oov.getAsDouble() : null,
                    p.outOfScope(), p.oosScore(), p.head()));
        }
        return answers;
    }

    private void validateText(String text, String field) {
        if (PredictRequest.isBlank(text)) {
            throw new InvalidRequestException(HttpStatus.BAD_REQUEST, field + " must not be blank");
        }
        if (text.length() > limits.maxTextLength()) {
            throw new InvalidRequestException(HttpStatus.PAYLOAD_TOO_LARGE, field + " has " + text.length()
                    + " characters; the limit is " + limits.maxTextLength());
        }
    }

    private static double seconds(long nanos) {
        return nanos / NANOS_PER_SECOND;
    }
}

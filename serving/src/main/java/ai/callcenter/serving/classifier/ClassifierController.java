package ai.callcenter.serving.classifier;

import ai.callcenter.api.BatchPredictRequest;
import ai.callcenter.api.BatchPredictResponse;
import ai.callcenter.api.ClassifierResponse;
import ai.callcenter.api.PredictRequest;
import ai.callcenter.ml.model.CrossLingual;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.TextClassifier;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ClassifierController {

    private final PredictionService predictions;
    private final LoadedModel model;

    public ClassifierController(PredictionService predictions, LoadedModel model) {
        this.predictions = predictions;
        this.model = model;
    }

    @PostMapping(path = "/predict", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ClassifierResponse predict(@Valid @RequestBody PredictRequest request) {
        return predictions.predict(request);
    }

    @PostMapping(path = "/predict/batch", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public BatchPredictResponse predictBatch(@Valid @RequestBody BatchPredictRequest request) {
        return predictions.predictBatch(request);
    }

    /** The served model's metadata and, when it comes from the registry, which version of what. */
    @GetMapping(path = "/model", produces = MediaType.APPLICATION_JSON_VALUE)
    public ModelDescription model() {
        TextClassifier served = model.require();
        return new ModelDescription(served.metadata(), model.source().orElse(null), served.crossLingual().orElse(null));
    }

    /**
     * metadata.json's fields at the top level (what the agent reads), plus {@code registry} and the
     * model's cross-lingual head, when it has one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelDescription(@JsonUnwrapped ModelMetadata metadata, LoadedModel.Source registry,
                                   @JsonProperty("cross_lingual") CrossLingual crossLingual) {
    }
}

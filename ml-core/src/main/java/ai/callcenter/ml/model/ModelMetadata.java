package ai.callcenter.ml.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Contents of a model directory's {@code metadata.json}: enough to tell what was trained on what,
 * with which settings, and how well it did.
 *
 * @param version   unique per trained artifact: type, creation time and a data-hash prefix
 * @param params    hyper-parameters actually used (after validation search)
 * @param metrics   named reports, e.g. {@code validation} and {@code test}
 * @param languages ISO 639-1 codes of the languages of the training texts; null in directories
 *                  written before they were recorded (read as "unknown", not "none")
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetadata(
        String modelType,
        String version,
        String createdAt,
        String dataSha256,
        int nTrain,
        List<String> labels,
        Map<String, Object> params,
        Map<String, Object> metrics,
        List<String> languages) {

    public ModelMetadata withMetrics(Map<String, Object> newMetrics) {
        return new ModelMetadata(modelType, version, createdAt, dataSha256, nTrain, labels, params, newMetrics, languages);
    }
}

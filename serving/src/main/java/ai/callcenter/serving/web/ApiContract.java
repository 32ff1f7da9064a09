package ai.callcenter.serving.web;

import ai.callcenter.api.Problem;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Makes the served OpenAPI document say what the service enforces, so a client generated from it is
 * right: every error status with its problem+json body, and the configured limits as schema
 * constraints. The annotations cannot carry the limits, which are configuration.
 */
public final class ApiContract {

    private static final String PROBLEM_REF = "#/components/schemas/" + Problem.class.getSimpleName();

    private ApiContract() {
    }

    /**
     * @param maxTextLength {@code text} longer than this is refused (413)
     * @param maxBatchSize  a batch with more items than this is refused (413)
     */
    public static OpenApiCustomizer customizer(int maxTextLength, int maxBatchSize) {
        return openApi -> {
            @SuppressWarnings("rawtypes")
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            ModelConverters.getInstance().read(Problem.class).forEach(schemas::putIfAbsent);
            property(schemas, "PredictRequest", "text").setMaxLength(maxTextLength);
            property(schemas, "BatchPredictRequest", "items").setMaxItems(maxBatchSize);
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (operation.getRequestBody() != null) {
                    problem(operation, "400", "malformed JSON (also: anything after the document, a duplicate key, bytes "
                            + "that are not UTF-8), a field that breaks its constraint (the detail names the field, never its "
                            + "value), or an Accept header that cannot be read");
                    problem(operation, "413", "a request body over the service's size limit (callcenter.web.max-body-size)");
                    problem(operation, "415", "a Content-Type other than application/json");
                }
                if (path.startsWith("/predict")) {
                    problem(operation, "413", "text longer than " + maxTextLength + " characters, more than " + maxBatchSize
                            + " items in a batch, or a body over the service's size limit");
                    problem(operation, "503", "no model can answer yet (loading, or every classifier unavailable); retry later");
                }
                if (method == PathItem.HttpMethod.GET && path.equals("/model")) {
                    problem(operation, "503", "no model is loaded yet; retry later");
                }
            }));
        };
    }

    @SuppressWarnings("rawtypes")
    private static Schema property(Map<String, Schema> schemas, String schema, String property) {
        Schema owner = schemas.get(schema);
        Object found = owner == null || owner.getProperties() == null ? null : owner.getProperties().get(property);
        if (!(found instanceof Schema field)) {
            throw new IllegalStateException("the API schema " + schema + " has no property " + property);
        }
        return field;
    }

    private static void problem(Operation operation, String status, String description) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description)
                    .content(new Content().addMediaType(Problem.MEDIA_TYPE, new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)))));
        }
        operation.setResponses(responses);
    }
}

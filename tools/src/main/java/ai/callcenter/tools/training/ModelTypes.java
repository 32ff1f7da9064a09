package ai.callcenter.tools.training;

import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.ModelType;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.serving.settings.ServiceSettings;
import ai.callcenter.tfidf.TfidfApplication;
import ai.callcenter.tfidf.training.TfidfModelType;
import ai.callcenter.tfidf.training.TfidfTrainingProperties;
import ai.callcenter.transformer.TransformerApplication;
import ai.callcenter.transformer.encoder.EncoderProperties;
import ai.callcenter.transformer.head.HeadProperties;
import ai.callcenter.transformer.head.MlpHead;
import ai.callcenter.transformer.model.TransformerModelType;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The model types {@code train} and {@code evaluate} know, by {@code --model} name. Each is built on
 * first use with its service's own settings (its application.yaml, then the environment), so a
 * model is trained with exactly the settings its service is configured with.
 */
public final class ModelTypes {

    private final Map<String, Supplier<ModelType>> byName;

    public ModelTypes(Map<String, Supplier<ModelType>> byName) {
        this.byName = new LinkedHashMap<>(byName);
    }

    /** tfidf and transformer (with the MLP head, which only the tools train), configured from their services' settings. */
    public static ModelTypes fromSettings() {
        Map<String, Supplier<ModelType>> types = new LinkedHashMap<>();
        types.put(TfidfModelType.NAME, () -> new TfidfModelType(
                ServiceSettings.of(TfidfApplication.class).bind(TfidfTrainingProperties.class)));
        types.put(TransformerModelType.NAME, () -> {
            ServiceSettings settings = ServiceSettings.of(TransformerApplication.class);
            HeadProperties head = settings.bind(HeadProperties.class);
            return new TransformerModelType(settings.bind(EncoderProperties.class), head,
                    Map.of(MlpHead.KIND, seed -> MlpTrainer.candidate(head.mlp(), seed)));
        });
        return new ModelTypes(types);
    }

    public Collection<String> names() {
        return byName.keySet();
    }

    public ModelType named(String name) {
        Supplier<ModelType> type = byName.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown model type '" + name + "'; expected one of " + names());
        }
        return type.get();
    }

    /** The type recorded in a model directory's metadata.json. */
    public ModelType of(Path modelDir) {
        return named(ModelFiles.readMetadata(modelDir).modelType());
    }

    /** Releases a loaded model's native resources (the transformer's ONNX sessions), if it holds any. */
    public static void release(TextClassifier model) {
        if (model instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the model", e);
            }
        }
    }
}

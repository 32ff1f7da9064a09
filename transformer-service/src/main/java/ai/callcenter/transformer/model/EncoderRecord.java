package ai.callcenter.transformer.model;

import ai.callcenter.common.model.ModelFiles;
import ai.callcenter.common.model.ModelLoadException;
import ai.callcenter.transformer.encoder.EncoderFiles;
import ai.callcenter.transformer.encoder.Pooling;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code encoder.json} of a model directory: which encoder produced the vectors the head was
 * trained on. A head is meaningless with any other encoder, so loading checks the model bytes.
 *
 * @param shippedId    the shipped encoder's id, or null for a bring-your-own encoder
 * @param source       shipped id or BYO directory at training time (informational)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EncoderRecord(String shippedId, String source, Pooling pooling, int maxTokens, String modelSha256,
                            int dimension) {

    public static final String FILE = "encoder.json";

    public static EncoderRecord of(EncoderFiles files, boolean shipped, int maxTokens, int dimension) {
        return new EncoderRecord(shipped ? files.source() : null, files.source(), files.pooling(), maxTokens,
                files.modelSha256(), dimension);
    }

    public void write(Path modelDir) {
        ModelFiles.writeJson(modelDir.resolve(FILE), this);
    }

    public static EncoderRecord read(Path modelDir) {
        try {
            return ModelFiles.json().readValue(modelDir.resolve(FILE).toFile(), EncoderRecord.class);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + modelDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }
}

package ai.callcenter.transformer.model;

import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.ModelLoadException;
import ai.callcenter.transformer.encoder.EncoderFiles;
import ai.callcenter.transformer.encoder.Encoders;
import ai.callcenter.transformer.encoder.Pooling;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

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

    /** Several files mean concatenated encoders: ids and hashes are joined with '+' in part order. */
    public static EncoderRecord of(List<EncoderFiles> files, boolean shipped, int maxTokens, int dimension) {
        String source = files.stream().map(EncoderFiles::source).collect(Collectors.joining(Encoders.JOIN));
        String sha = files.stream().map(EncoderFiles::modelSha256).collect(Collectors.joining(Encoders.JOIN));
        return new EncoderRecord(shipped ? source : null, source, files.get(0).pooling(), maxTokens, sha, dimension);
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

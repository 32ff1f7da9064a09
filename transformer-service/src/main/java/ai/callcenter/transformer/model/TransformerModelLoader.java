package ai.callcenter.transformer.model;

import ai.callcenter.ml.model.CrossLingual;
import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.ModelLoadException;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.transformer.encoder.EncoderFiles;
import ai.callcenter.transformer.encoder.EncoderProperties;
import ai.callcenter.transformer.encoder.Encoders;
import ai.callcenter.transformer.encoder.SentenceEncoder;
import ai.callcenter.transformer.head.ClassificationHead;
import ai.callcenter.transformer.head.LinearHead;
import ai.callcenter.transformer.head.MlpHead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads a {@code transformer} model directory for serving: the encoder it was trained with (checked
 * by its SHA-256), the head and the temperature. Nothing here trains.
 */
public final class TransformerModelLoader {

    private final EncoderProperties encoderProperties;

    public TransformerModelLoader(EncoderProperties encoderProperties) {
        this.encoderProperties = encoderProperties;
    }

    /** The model, with its cross-lingual head when the directory holds one. */
    public TextClassifier load(Path modelDir) {
        TransformerClassifier main = loadHead(modelDir, encoderProperties);
        Optional<CrossLingual> crossLingual = CrossLingualClassifier.read(modelDir);
        if (crossLingual.isEmpty()) {
            return main;
        }
        try {
            Path dir = modelDir.resolve(CrossLingualClassifier.DIRECTORY);
            // the encoder files copied into the model at training; a configured BYO encoder is the main head's
            EncoderProperties multilingual = encoderProperties.withDir("", null);
            Path copied = dir.resolve(CrossLingualClassifier.ENCODER_COPY);
            if (Files.isDirectory(copied)) {
                multilingual = multilingual.withFetchedDir(copied.toString());
            }
            return new CrossLingualClassifier(main, loadHead(dir, multilingual), crossLingual.get());
        } catch (RuntimeException e) {
            main.close();
            throw e;
        }
    }

    private TransformerClassifier loadHead(Path modelDir, EncoderProperties encoderProperties) {
        ModelMetadata metadata = ModelFiles.readMetadata(modelDir);
        if (!TransformerModelType.NAME.equals(metadata.modelType())) {
            throw new ModelLoadException(modelDir + " holds a " + metadata.modelType() + " model, not " + TransformerModelType.NAME);
        }
        EncoderRecord record = EncoderRecord.read(modelDir);
        List<EncoderFiles> files = encoderFor(record, encoderProperties);
        ClassificationHead head = readHead(modelDir);
        Object temperature = metadata.params().get("temperature");
        if (!(temperature instanceof Number t)) {
            throw new ModelLoadException("metadata.json of " + modelDir + " has no temperature");
        }
        EncoderProperties props = new EncoderProperties(encoderProperties.name(), encoderProperties.dir(),
                record.pooling(), record.maxTokens(), encoderProperties.batchSize(), encoderProperties.threads(),
                encoderProperties.sideBySideMaxTexts(), encoderProperties.extractDir(), encoderProperties.fetchedDir());
        SentenceEncoder encoder = Encoders.open(files, props);
        if (encoder.dimension() != record.dimension()) {
            encoder.close();
            throw new ModelLoadException("encoder gives " + encoder.dimension() + "-dim vectors; the head expects "
                    + record.dimension());
        }
        return new TransformerClassifier(metadata, encoder, head, t.doubleValue(), ModelFiles.readScope(modelDir).orElse(null));
    }

    /**
     * The encoder the model was trained with: a configured BYO directory must hold those exact model
     * bytes; otherwise the shipped encoder named in encoder.json.
     */
    private static List<EncoderFiles> encoderFor(EncoderRecord record, EncoderProperties encoderProperties) {
        List<EncoderFiles> files;
        if (encoderProperties.byo()) {
            files = List.of(EncoderFiles.fromDirectory(Path.of(encoderProperties.dir()), record.pooling()));
        } else if (record.shippedId() != null) {
            files = new ArrayList<>();
            for (String id : record.shippedId().split("\\" + Encoders.JOIN)) {
                files.add(EncoderFiles.named(id, encoderProperties));
            }
        } else {
            throw new ModelLoadException("the model was trained with a bring-your-own encoder (" + record.source()
                    + "); set ENCODER_DIR to a directory with that model.onnx and tokenizer.json");
        }
        String sha = join(files, EncoderFiles::modelSha256);
        if (!sha.equals(record.modelSha256())) {
            throw new ModelLoadException("encoder " + join(files, EncoderFiles::source)
                    + " is not the one the model was trained with (" + record.source() + ", sha256 "
                    + record.modelSha256().substring(0, 12) + "…)");
        }
        return files;
    }

    private static String join(List<EncoderFiles> files, java.util.function.Function<EncoderFiles, String> part) {
        return files.stream().map(part).collect(java.util.stream.Collectors.joining(Encoders.JOIN));
    }

    private static ClassificationHead readHead(Path modelDir) {
        if (Files.isRegularFile(modelDir.resolve(LinearHead.FILE))) {
            return LinearHead.read(modelDir);
        }
        if (Files.isRegularFile(modelDir.resolve(MlpHead.FILE))) {
            return MlpHead.read(modelDir);
        }
        throw new ModelLoadException("no classification head in " + modelDir);
    }
}

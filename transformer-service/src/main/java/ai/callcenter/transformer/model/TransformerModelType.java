package ai.callcenter.transformer.model;

import ai.callcenter.common.cli.Progress;
import ai.callcenter.common.dataset.LabeledText;
import ai.callcenter.common.dataset.StratifiedSplit;
import ai.callcenter.common.model.ModelFiles;
import ai.callcenter.common.model.ModelLoadException;
import ai.callcenter.common.model.ModelMetadata;
import ai.callcenter.common.model.ModelType;
import ai.callcenter.common.model.TextClassifier;
import ai.callcenter.common.model.TrainingContext;
import ai.callcenter.transformer.encoder.EmbeddingCache;
import ai.callcenter.transformer.encoder.EncoderFiles;
import ai.callcenter.transformer.encoder.EncoderProperties;
import ai.callcenter.transformer.encoder.Encoders;
import ai.callcenter.transformer.encoder.SentenceEncoder;
import ai.callcenter.transformer.encoder.ShippedEncoder;
import ai.callcenter.transformer.head.ClassificationHead;
import ai.callcenter.transformer.head.HeadProperties;
import ai.callcenter.transformer.head.HeadSearch;
import ai.callcenter.transformer.head.LinearHead;
import ai.callcenter.transformer.head.LinearTrainer;
import ai.callcenter.transformer.head.MlpHead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code transformer} model type: frozen pretrained sentence encoder, head chosen on a
 * validation split, temperature-calibrated.
 */
public final class TransformerModelType implements ModelType {

    public static final String NAME = "transformer";

    private final EncoderProperties encoderProperties;
    private final HeadProperties headProperties;

    public TransformerModelType(EncoderProperties encoderProperties, HeadProperties headProperties) {
        this.encoderProperties = encoderProperties;
        this.headProperties = headProperties;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TextClassifier train(List<LabeledText> train, TrainingContext context, Path modelDir) {
        Progress progress = context.progress();
        List<EncoderFiles> files = Encoders.resolve(encoderProperties);
        String source = join(files, EncoderFiles::source);
        String pooling = join(files, f -> f.pooling().name().toLowerCase(Locale.ROOT));
        progress.step("encoder " + source + " (" + pooling + " pooling, max " + encoderProperties.maxTokens()
                + " tokens)");
        SentenceEncoder encoder = Encoders.open(files, encoderProperties);
        try {
            List<String> labels = List.copyOf(new TreeSet<>(train.stream().map(LabeledText::label).toList()));
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < labels.size(); i++) {
                index.put(labels.get(i), i);
            }
            float[][] all = EmbeddingCache.encodeAll(encoder, Path.of(headProperties.embeddingCacheDir()),
                    train.stream().map(e -> TransformerClassifier.prepare(e.text())).toList(), progress);
            Map<LabeledText, Integer> position = new HashMap<>();
            // Same example text may repeat; the split works on records, so map records to their first row.
            for (int i = 0; i < train.size(); i++) {
                position.putIfAbsent(train.get(i), i);
            }
            StratifiedSplit.Split split = StratifiedSplit.split(train, headProperties.validationFraction(), context.seed());
            float[][] fitX = rows(split.train(), position, all);
            float[][] valX = rows(split.test(), position, all);
            int[] allY = train.stream().mapToInt(e -> index.get(e.label())).toArray();
            int[] fitY = split.train().stream().mapToInt(e -> index.get(e.label())).toArray();
            int[] valY = split.test().stream().mapToInt(e -> index.get(e.label())).toArray();

            progress.step("head search on " + fitX.length + " examples, validating on " + valX.length);
            HeadSearch.Result result = HeadSearch.run(candidates(context.seed()), fitX, fitY, valX, valY, all, allY,
                    labels.size(), progress);

            prepareDirectory(modelDir);
            result.head().write(modelDir);
            EncoderRecord.of(files, !encoderProperties.byo(), encoderProperties.maxTokens(), encoder.dimension())
                    .write(modelDir);
            Instant now = Instant.now();
            Map<String, Object> params = new LinkedHashMap<>(result.winner().params());
            params.put("temperature", result.temperature());
            params.put("encoder", source);
            params.put("pooling", pooling);
            params.put("max_tokens", encoderProperties.maxTokens());
            params.put("validation_fraction", headProperties.validationFraction());
            params.put("seed", context.seed());
            Map<String, Object> validation = new LinkedHashMap<>();
            validation.put("accuracy", result.validationAccuracy());
            validation.put("ece", result.validationEce());
            validation.put("n", valX.length);
            validation.put("trials", result.trials());
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("validation", validation);
            ModelMetadata metadata = new ModelMetadata(NAME, ModelFiles.newVersion(NAME, now, context.dataSha256()),
                    now.toString(), context.dataSha256(), train.size(), labels, params, metrics);
            ModelFiles.writeMetadata(modelDir, metadata);
            return new TransformerClassifier(metadata, encoder, result.head(), result.temperature());
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    private List<HeadSearch.Candidate> candidates(long seed) {
        LinearTrainer linear = new LinearTrainer(headProperties.effectiveThreads(), headProperties.epsilon(),
                headProperties.standardize());
        return HeadSearch.parse(headProperties.candidates(), linear, headProperties.mlp(), seed);
    }

    @Override
    public TextClassifier load(Path modelDir) {
        ModelMetadata metadata = ModelFiles.readMetadata(modelDir);
        if (!NAME.equals(metadata.modelType())) {
            throw new ModelLoadException(modelDir + " holds a " + metadata.modelType() + " model, not " + NAME);
        }
        EncoderRecord record = EncoderRecord.read(modelDir);
        List<EncoderFiles> files = encoderFor(record);
        ClassificationHead head = readHead(modelDir);
        Object temperature = metadata.params().get("temperature");
        if (!(temperature instanceof Number t)) {
            throw new ModelLoadException("metadata.json of " + modelDir + " has no temperature");
        }
        EncoderProperties props = new EncoderProperties(encoderProperties.name(), encoderProperties.dir(),
                record.pooling(), record.maxTokens(), encoderProperties.batchSize(), encoderProperties.threads(),
                encoderProperties.sideBySideMaxTexts(), encoderProperties.extractDir());
        SentenceEncoder encoder = Encoders.open(files, props);
        if (encoder.dimension() != record.dimension()) {
            encoder.close();
            throw new ModelLoadException("encoder gives " + encoder.dimension() + "-dim vectors; the head expects "
                    + record.dimension());
        }
        return new TransformerClassifier(metadata, encoder, head, t.doubleValue());
    }

    /**
     * The encoder the model was trained with: a configured BYO directory must hold those exact model
     * bytes; otherwise the shipped encoder named in encoder.json.
     */
    private List<EncoderFiles> encoderFor(EncoderRecord record) {
        List<EncoderFiles> files;
        if (encoderProperties.byo()) {
            files = List.of(EncoderFiles.fromDirectory(Path.of(encoderProperties.dir()), record.pooling()));
        } else if (record.shippedId() != null) {
            files = new ArrayList<>();
            for (String id : record.shippedId().split("\\" + Encoders.JOIN)) {
                files.add(EncoderFiles.extract(ShippedEncoder.byId(id), Path.of(encoderProperties.extractDir())));
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

    private static void prepareDirectory(Path modelDir) {
        try {
            Files.createDirectories(modelDir);
            // A retrain into the same directory must not leave the other head kind's file behind.
            Files.deleteIfExists(modelDir.resolve(LinearHead.FILE));
            Files.deleteIfExists(modelDir.resolve(MlpHead.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + modelDir, e);
        }
    }

    private static float[][] rows(List<LabeledText> subset, Map<LabeledText, Integer> position, float[][] all) {
        float[][] out = new float[subset.size()][];
        for (int i = 0; i < subset.size(); i++) {
            out[i] = all[position.get(subset.get(i))];
        }
        return out;
    }
}

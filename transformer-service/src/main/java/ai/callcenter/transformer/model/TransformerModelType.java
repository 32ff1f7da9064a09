package ai.callcenter.transformer.model;

import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.dataset.StratifiedSplit;
import ai.callcenter.ml.model.CrossLingual;
import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.ModelType;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.oos.EmbeddingSpace;
import ai.callcenter.ml.oos.OosInput;
import ai.callcenter.ml.oos.OosSettings;
import ai.callcenter.ml.oos.ScopeModel;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.transformer.encoder.EmbeddingCache;
import ai.callcenter.transformer.encoder.EncoderFiles;
import ai.callcenter.transformer.encoder.EncoderProperties;
import ai.callcenter.transformer.encoder.Encoders;
import ai.callcenter.transformer.encoder.SentenceEncoder;
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
    private final Map<String, HeadSearch.CandidateFactory> otherHeads;

    /** Trains the linear heads ({@code lr:C}, {@code svm:C}) only. */
    public TransformerModelType(EncoderProperties encoderProperties, HeadProperties headProperties) {
        this(encoderProperties, headProperties, Map.of());
    }

    /**
     * @param otherHeads head kinds trained outside this module, by candidate name (the tools add
     *                   {@code mlp}, trained with PyTorch, which the service never loads)
     */
    public TransformerModelType(EncoderProperties encoderProperties, HeadProperties headProperties,
                                Map<String, HeadSearch.CandidateFactory> otherHeads) {
        this.encoderProperties = encoderProperties;
        this.headProperties = headProperties;
        this.otherHeads = Map.copyOf(otherHeads);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The main head over the configured encoder and, unless switched off, the cross-lingual head over
     * the multilingual encoder in {@code modelDir/cross-lingual/}, both from the same texts.
     */
    @Override
    public TextClassifier train(List<LabeledText> train, TrainingContext context, Path modelDir) {
        TransformerClassifier main = trainHead(train, context, modelDir, encoderProperties);
        HeadProperties.CrossLingualProperties crossLingual = headProperties.crossLingual();
        if (!crossLingual.enabled() || (!encoderProperties.byo() && crossLingual.encoder().equals(encoderProperties.name()))) {
            return main;
        }
        context.progress().step("cross-lingual head over " + crossLingual.encoder() + ", for tickets in languages other than "
                + (context.languages().isEmpty() ? "the training texts'" : String.join(", ", context.languages())));
        try {
            Path dir = modelDir.resolve(CrossLingualClassifier.DIRECTORY);
            EncoderProperties multilingual = encoderProperties.withDir("", null).withName(crossLingual.encoder());
            TransformerClassifier second = trainHead(train, context, dir, multilingual);
            CrossLingualClassifier.copyEncoderFiles(Encoders.resolve(multilingual), dir);
            CrossLingual description = new CrossLingual(CrossLingual.HEAD, crossLingual.encoder(), crossLingual.languages());
            ModelFiles.writeJson(modelDir.resolve(CrossLingualClassifier.FILE), description);
            return new CrossLingualClassifier(main, second, description);
        } catch (RuntimeException e) {
            main.close();
            throw e;
        }
    }

    private TransformerClassifier trainHead(List<LabeledText> train, TrainingContext context, Path modelDir,
                                            EncoderProperties encoderProperties) {
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

            ScopeModel scope = fitScope(fitX, fitY, valX, result, labels.size(), progress);

            prepareDirectory(modelDir);
            result.head().write(modelDir);
            scope.write(modelDir);
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
            params.put("oos_method", scope.served());
            params.put("oos_keep_rate", scope.keepRate());
            Map<String, Object> validation = new LinkedHashMap<>();
            validation.put("accuracy", result.validationAccuracy());
            validation.put("ece", result.validationEce());
            validation.put("n", valX.length);
            validation.put("trials", result.trials());
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("validation", validation);
            ModelMetadata metadata = new ModelMetadata(NAME, ModelFiles.newVersion(NAME, now, context.dataSha256()),
                    now.toString(), context.dataSha256(), train.size(), labels, params, metrics, context.languages());
            ModelFiles.writeMetadata(modelDir, metadata);
            return new TransformerClassifier(metadata, encoder, result.head(), result.temperature(), scope);
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    /**
     * Class statistics from the fit part only and thresholds from the validation part, which those
     * statistics never saw: a validation ticket scores as a new ticket will. In-scope data only.
     */
    private ScopeModel fitScope(float[][] fitX, int[] fitY, float[][] valX, HeadSearch.Result result, int classes,
                                Progress progress) {
        OosSettings settings = headProperties.oos();
        EmbeddingSpace space = settings.needsEmbedding()
                ? EmbeddingSpace.fit(fitX, fitY, classes, settings.shrinkage(), settings.needsNeighbours() ? settings.neighbours() : 0)
                : null;
        List<OosInput> inputs = new ArrayList<>(valX.length);
        for (int i = 0; i < valX.length; i++) {
            inputs.add(new OosInput(result.validationScores()[i], result.temperature(), valX[i], null));
        }
        ScopeModel scope = ScopeModel.fit(settings, inputs, space);
        progress.step(String.format("out-of-scope detector %s fitted on %d in-scope validation tickets (keep rate %s)",
                scope.served(), valX.length, scope.keepRate()));
        return scope;
    }

    private List<HeadSearch.Candidate> candidates(long seed) {
        LinearTrainer linear = new LinearTrainer(headProperties.effectiveThreads(), headProperties.epsilon(),
                headProperties.standardize());
        return HeadSearch.parse(headProperties.candidates(), linear, otherHeads, seed);
    }

    private static String join(List<EncoderFiles> files, java.util.function.Function<EncoderFiles, String> part) {
        return files.stream().map(part).collect(java.util.stream.Collectors.joining(Encoders.JOIN));
    }

    @Override
    public TextClassifier load(Path modelDir) {
        return new TransformerModelLoader(encoderProperties).load(modelDir);
    }

    private static void prepareDirectory(Path modelDir) {
        try {
            Files.createDirectories(modelDir);
            // A retrain into the same directory must not leave the other head kind's file behind.
            Files.deleteIfExists(modelDir.resolve(LinearHead.FILE));
            Files.deleteIfExists(modelDir.resolve(MlpHead.FILE));
            ScopeModel.delete(modelDir);
            CrossLingualClassifier.delete(modelDir);
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

package ai.callcenter.transformer.model;

import ai.callcenter.ml.model.Classified;
import ai.callcenter.ml.model.CrossLingual;
import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.ModelLoadException;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.oos.ScopeModel;
import ai.callcenter.transformer.encoder.EncoderFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A transformer model with two heads trained on the same labelled texts: the main one over the
 * configured encoder, and a cross-lingual one over a multilingual encoder for tickets in a language
 * the training texts are not in. A head trained on English vectors of a joined encoder leans on the
 * English dimensions; the multilingual encoder's space alone carries an English-trained head to
 * other languages far better (docs/multilingual.md). Which head answers depends only on the
 * language the caller gives; without one, the main head answers.
 */
public final class CrossLingualClassifier implements TextClassifier, AutoCloseable {

    /** The second head's model directory inside the main one. */
    public static final String DIRECTORY = "cross-lingual";
    /** {@link CrossLingual} of the model, beside metadata.json. */
    public static final String FILE = "cross-lingual.json";
    /** The multilingual encoder's files, copied into the second head's directory so the model is complete without a fetch. */
    public static final String ENCODER_COPY = "encoders";

    private final TransformerClassifier main;
    private final TransformerClassifier crossLingual;
    private final CrossLingual description;
    private final Set<String> trainingLanguages;

    public CrossLingualClassifier(TransformerClassifier main, TransformerClassifier crossLingual, CrossLingual description) {
        this.main = main;
        this.crossLingual = crossLingual;
        this.description = description;
        List<String> languages = main.metadata().languages();
        this.trainingLanguages = languages == null ? Set.of() : Set.copyOf(languages);
        if (!main.labels().equals(crossLingual.labels())) {
            throw new ModelLoadException("the cross-lingual head's labels differ from the main head's");
        }
    }

    @Override
    public ModelMetadata metadata() {
        return main.metadata();
    }

    @Override
    public double[] predictProbabilities(String text) {
        return main.predictProbabilities(text);
    }

    @Override
    public List<double[]> predictProbabilities(List<String> texts) {
        return main.predictProbabilities(texts);
    }

    @Override
    public List<Classified> classify(List<String> texts) {
        return main.classify(texts);
    }

    /** Each head gets its texts as one batch; answers come back in input order. */
    @Override
    public List<Classified> classify(List<String> texts, List<String> languages) {
        return byHead(texts, languages, this::headFor, main::classify, this::classifyCrossLingual);
    }

    /**
     * Splits texts by the head that answers them, runs each head's texts as one call and returns the
     * answers in input order (micro-batching reuses it with a batcher per head).
     */
    public static List<Classified> byHead(List<String> texts, List<String> languages, Function<String, String> headFor,
                                          Function<List<String>, List<Classified>> mainHead,
                                          Function<List<String>, List<Classified>> crossLingualHead) {
        List<Integer> mainTexts = new ArrayList<>();
        List<Integer> otherTexts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            (headFor.apply(languages.get(i)) == null ? mainTexts : otherTexts).add(i);
        }
        Classified[] out = new Classified[texts.size()];
        for (var group : List.of(Map.entry(mainTexts, mainHead), Map.entry(otherTexts, crossLingualHead))) {
            List<Integer> positions = group.getKey();
            if (!positions.isEmpty()) {
                List<Classified> answers = group.getValue().apply(positions.stream().map(texts::get).toList());
                for (int k = 0; k < positions.size(); k++) {
                    out[positions.get(k)] = answers.get(k);
                }
            }
        }
        return Arrays.asList(out);
    }

    /** The answers of the cross-lingual head alone, whatever the language (micro-batching groups by head). */
    public List<Classified> classifyCrossLingual(List<String> texts) {
        return crossLingual.classify(texts).stream().map(c -> c.withHead(description.head())).toList();
    }

    /**
     * The cross-lingual head for a known language the training texts are not in; the main head for
     * the training languages, an unknown language, or a model whose training languages were not recorded.
     */
    @Override
    public String headFor(String language) {
        if (language == null || language.isBlank() || "und".equals(language) || trainingLanguages.isEmpty()
                || trainingLanguages.contains(language)) {
            return null;
        }
        return description.head();
    }

    @Override
    public Optional<CrossLingual> crossLingual() {
        return Optional.of(description);
    }

    @Override
    public Optional<ScopeModel> scope() {
        return main.scope();
    }

    @Override
    public String normalizeForCache(String text) {
        return main.normalizeForCache(text);
    }

    @Override
    public void close() {
        main.close();
        crossLingual.close();
    }

    /** The model's cross-lingual description, when it has a second head. */
    static Optional<CrossLingual> read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ModelFiles.json().readValue(file.toFile(), CrossLingual.class));
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies (hard-links where the file system allows) the multilingual encoder's files into
     * {@code dir/encoders/<id>/}: a registered model version then serves anywhere, with nothing fetched.
     */
    static void copyEncoderFiles(List<EncoderFiles> files, Path dir) {
        for (EncoderFiles encoder : files) {
            Path target = dir.resolve(ENCODER_COPY).resolve(encoder.source());
            try {
                Files.createDirectories(target);
                for (Path file : List.of(encoder.model(), encoder.tokenizer())) {
                    Path copy = target.resolve(file.getFileName());
                    Files.deleteIfExists(copy);
                    try {
                        Files.createLink(copy, file);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy encoder " + encoder.source() + " into " + target, e);
            }
        }
    }

    /** Removes a previous second head, so a retrain without one leaves none behind. */
    static void delete(Path modelDir) throws IOException {
        Files.deleteIfExists(modelDir.resolve(FILE));
        Path dir = modelDir.resolve(DIRECTORY);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}

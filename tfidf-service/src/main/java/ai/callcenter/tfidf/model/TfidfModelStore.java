package ai.callcenter.tfidf.model;

import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.ModelLoadException;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.oos.ScopeModel;
import ai.callcenter.tfidf.features.FeatureParams;
import ai.callcenter.tfidf.features.TfidfVectorizer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-disk form of a tfidf model directory:
 * <pre>
 *   metadata.json         type, version, labels, params (incl. feature settings, temperature), metrics
 *   vocabulary-words.tsv  word n-gram TAB idf, one per line, line number = feature index
 *   vocabulary-chars.tsv  the same for character n-grams (indices follow the word block)
 *   weights.bin           int features, int classes, then (features + 1) * classes big-endian floats
 *   oos.json              the out-of-scope detectors (ScopeModel); absent from directories trained before them
 * </pre>
 */
public final class TfidfModelStore {

    static final String WORDS = "vocabulary-words.tsv";
    static final String CHARS = "vocabulary-chars.tsv";
    static final String WEIGHTS = "weights.bin";

    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);

    private TfidfModelStore() {
    }

    public static void save(TfidfModel model, Path dir) {
        try {
            Files.createDirectories(dir);
            writeVocabulary(dir.resolve(WORDS), model.vectorizer().words());
            writeVocabulary(dir.resolve(CHARS), model.vectorizer().chars());
            writeWeights(dir.resolve(WEIGHTS), model.linear());
            ScopeModel.delete(dir);
            model.scope().ifPresent(scope -> scope.write(dir));
            ModelFiles.writeMetadata(dir, model.metadata());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model to " + dir, e);
        }
    }

    public static TfidfModel load(Path dir) {
        ModelMetadata metadata = ModelFiles.readMetadata(dir);
        if (!"tfidf".equals(metadata.modelType())) {
            throw new ModelLoadException(dir + " holds a " + metadata.modelType() + " model, not tfidf");
        }
        try {
            FeatureParams features = featureParams(metadata);
            double temperature = ((Number) metadata.params().get("temperature")).doubleValue();
            TfidfVectorizer vectorizer = new TfidfVectorizer(features,
                    readVocabulary(dir.resolve(WORDS)), readVocabulary(dir.resolve(CHARS)));
            LinearModel linear = readWeights(dir.resolve(WEIGHTS), temperature);
            if (linear.features() != vectorizer.dimension()) {
                throw new ModelLoadException("weights cover " + linear.features() + " features but the vocabulary has "
                        + vectorizer.dimension() + " in " + dir);
            }
            return new TfidfModel(vectorizer, linear, metadata, ModelFiles.readScope(dir).orElse(null));
        } catch (IOException e) {
            throw new ModelLoadException("cannot read tfidf model from " + dir + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new ModelLoadException("corrupt tfidf model in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every feature setting must be present: a silently defaulted one would change predictions.
     * Models written before term weighting was searched always used idf.
     */
    private static FeatureParams featureParams(ModelMetadata metadata) {
        Map<String, Object> stored = new HashMap<>(asMap(metadata.params().get("features")));
        stored.putIfAbsent("useIdf", true);
        return STRICT_JSON.convertValue(stored, FeatureParams.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new ModelLoadException("metadata.json has no feature settings");
        }
        return (Map<String, Object>) value;
    }

    private static void writeVocabulary(Path file, TfidfVectorizer.Vocabulary vocabulary) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < vocabulary.terms().size(); i++) {
                out.write(vocabulary.terms().get(i));
                out.write('\t');
                out.write(Float.toString(vocabulary.idf()[i]));
                out.write('\n');
            }
        }
    }

    private static TfidfVectorizer.Vocabulary readVocabulary(Path file) throws IOException {
        List<String> terms = new ArrayList<>();
        List<Float> idf = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                int tab = line.lastIndexOf('\t');
                if (tab < 0) {
                    throw new ModelLoadException("malformed line in " + file);
                }
                terms.add(line.substring(0, tab));
                idf.add(Float.parseFloat(line.substring(tab + 1)));
            }
        }
        float[] idfArray = new float[idf.size()];
        for (int i = 0; i < idfArray.length; i++) {
            idfArray[i] = idf.get(i);
        }
        return new TfidfVectorizer.Vocabulary(List.copyOf(terms), idfArray);
    }

    private static void writeWeights(Path file, LinearModel linear) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(linear.features());
            out.writeInt(linear.classes());
            for (float w : linear.weights()) {
                out.writeFloat(w);
            }
        }
    }

    private static LinearModel readWeights(Path file, double temperature) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int features = in.readInt();
            int classes = in.readInt();
            float[] weights = new float[(features + 1) * classes];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = in.readFloat();
            }
            return new LinearModel(features, classes, weights, temperature);
        }
    }

}

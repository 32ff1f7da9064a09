package ai.callcenter.tfidf.training;

import ai.callcenter.common.calibration.TemperatureScaling;
import ai.callcenter.common.cli.Progress;
import ai.callcenter.common.dataset.LabeledText;
import ai.callcenter.common.dataset.StratifiedSplit;
import ai.callcenter.common.metrics.ClassificationReport;
import ai.callcenter.common.metrics.Evaluator;
import ai.callcenter.common.model.ModelFiles;
import ai.callcenter.common.model.ModelMetadata;
import ai.callcenter.common.model.Prediction;
import ai.callcenter.common.model.TrainingContext;
import ai.callcenter.tfidf.features.SparseVector;
import ai.callcenter.tfidf.features.TfidfVectorizer;
import ai.callcenter.tfidf.model.LinearModel;
import ai.callcenter.tfidf.model.TfidfModel;
import de.bwaldvogel.liblinear.SolverType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks solver and C on a validation split, fits the softmax temperature on the same split, then
 * refits vocabulary and weights on all the training data with the chosen settings.
 */
public final class TfidfTrainer {

    public static final String MODEL_TYPE = "tfidf";

    private final TfidfTrainingProperties properties;

    public TfidfTrainer(TfidfTrainingProperties properties) {
        this.properties = properties;
    }

    private record Candidate(TfidfTrainingProperties.Weighting weighting, SolverType solver, double c) {
    }

    private record Scored(Candidate candidate, LinearModel model, List<SparseVector> validation, double accuracy) {
    }

    public TfidfModel train(List<LabeledText> data, TrainingContext context) {
        Progress progress = context.progress();
        List<String> labels = List.copyOf(new TreeSet<>(data.stream().map(LabeledText::label).toList()));
        Map<String, Integer> labelIndex = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            labelIndex.put(labels.get(i), i);
        }

        StratifiedSplit.Split split = StratifiedSplit.split(data, properties.validationFraction(), context.seed());
        progress.step("fitting vocabulary on " + split.train().size() + " examples (" + split.test().size() + " held out for validation)");
        TfidfVectorizer searchVocabulary = TfidfVectorizer.fit(texts(split.train()), properties.features());
        int[] searchY = classIndices(split.train(), labelIndex);
        int[] validationY = classIndices(split.test(), labelIndex);

        List<Scored> scored = new ArrayList<>();
        for (TfidfTrainingProperties.Weighting weighting : properties.weightings()) {
            TfidfVectorizer vectorizer = searchVocabulary.withWeighting(weighting.useIdf(), weighting.charWeight());
            LiblinearFit.Design searchDesign = design(vectorizer, split.train(), progress,
                    "vectorizing (idf " + weighting.useIdf() + ", char weight " + weighting.charWeight() + ")");
            List<SparseVector> validation = vectors(vectorizer, split.test());
            List<Candidate> candidates = new ArrayList<>();
            for (SolverType solver : properties.solvers()) {
                for (double c : properties.cGrid()) {
                    candidates.add(new Candidate(weighting, solver, c));
                }
            }
            progress.start("searching solver x C", candidates.size());
            AtomicInteger done = new AtomicInteger();
            scored.addAll(candidates.parallelStream().map(candidate -> {
                LinearModel model = LiblinearFit.fit(searchDesign, searchY, labels.size(), candidate.solver(), candidate.c(), properties.epsilon());
                double accuracy = accuracy(model, validation, validationY);
                progress.update(done.incrementAndGet());
                return new Scored(candidate, model, validation, accuracy);
            }).toList());
            progress.finish();
        }
        // Ties go to the smaller C: the simpler model generalises at least as well.
        Scored best = scored.stream()
                .max(Comparator.comparingDouble(Scored::accuracy).thenComparing(s -> -s.candidate().c()))
                .orElseThrow();
        List<SparseVector> validation = best.validation();
        TfidfTrainingProperties.Weighting weighting = best.candidate().weighting();

        double[][] validationScores = validation.stream().map(best.model()::scores).toArray(double[][]::new);
        double temperature = TemperatureScaling.fit(validationScores, validationY);
        ClassificationReport validationReport = Evaluator.evaluateScores(labels, validationScores, validationY, temperature);
        progress.step(String.format("chose %s C=%s idf=%s char weight=%s: validation accuracy %.4f, temperature %.4f, validation ECE %.4f",
                best.candidate().solver(), best.candidate().c(), weighting.useIdf(), weighting.charWeight(), best.accuracy(),
                temperature, validationReport.ece()));

        progress.step("refitting on all " + data.size() + " training examples");
        TfidfVectorizer vectorizer = TfidfVectorizer.fit(texts(data),
                properties.features().withWeighting(weighting.useIdf(), weighting.charWeight()));
        LiblinearFit.Design fullDesign = design(vectorizer, data, progress, "vectorizing");
        LinearModel model = LiblinearFit.fit(fullDesign, classIndices(data, labelIndex), labels.size(),
                best.candidate().solver(), best.candidate().c(), properties.epsilon()).withTemperature(temperature);

        Instant now = Instant.now();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("features", vectorizer.params());
        params.put("solver", best.candidate().solver().name());
        params.put("c", best.candidate().c());
        params.put("epsilon", properties.epsilon());
        params.put("temperature", temperature);
        params.put("validation_fraction", properties.validationFraction());
        params.put("seed", context.seed());
        params.put("vocabulary_words", vectorizer.words().terms().size());
        params.put("vocabulary_chars", vectorizer.chars().terms().size());
        Map<String, Object> search = new LinkedHashMap<>();
        for (Scored s : scored) {
            search.put(String.format("idf=%s char_weight=%s %s C=%s", s.candidate().weighting().useIdf(),
                    s.candidate().weighting().charWeight(), s.candidate().solver(), s.candidate().c()), s.accuracy());
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("validation", validationReport);
        metrics.put("search_validation_accuracy", search);
        ModelMetadata metadata = new ModelMetadata(MODEL_TYPE, ModelFiles.newVersion(MODEL_TYPE, now, context.dataSha256()),
                now.toString(), context.dataSha256(), data.size(), labels, params, metrics);
        return new TfidfModel(vectorizer, model, metadata);
    }

    private static double accuracy(LinearModel model, List<SparseVector> x, int[] y) {
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            if (Prediction.argMax(model.scores(x.get(i))) == y[i]) {
                correct++;
            }
        }
        return (double) correct / y.length;
    }

    private static LiblinearFit.Design design(TfidfVectorizer vectorizer, List<LabeledText> data, Progress progress, String task) {
        progress.start(task, data.size());
        AtomicInteger done = new AtomicInteger();
        List<SparseVector> vectors = data.parallelStream().map(example -> {
            SparseVector v = vectorizer.transform(example.text());
            progress.update(done.incrementAndGet());
            return v;
        }).toList();
        progress.finish();
        return LiblinearFit.Design.of(vectors, vectorizer.dimension());
    }

    private static List<SparseVector> vectors(TfidfVectorizer vectorizer, List<LabeledText> data) {
        return data.parallelStream().map(example -> vectorizer.transform(example.text())).toList();
    }

    private static List<String> texts(List<LabeledText> data) {
        return data.stream().map(LabeledText::text).toList();
    }

    private static int[] classIndices(List<LabeledText> data, Map<String, Integer> labelIndex) {
        return data.stream().mapToInt(example -> labelIndex.get(example.label())).toArray();
    }
}

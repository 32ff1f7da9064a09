package ai.callcenter.tfidf.training;

import ai.callcenter.ml.calibration.TemperatureScaling;
import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.dataset.StratifiedSplit;
import ai.callcenter.ml.evaluation.ClassificationReport;
import ai.callcenter.ml.evaluation.Evaluator;
import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.Prediction;
import ai.callcenter.ml.oos.OosInput;
import ai.callcenter.ml.oos.ScopeModel;
import ai.callcenter.ml.training.Progress;
import ai.callcenter.ml.training.TrainingContext;
import ai.callcenter.tfidf.features.DocumentFrequencies;
import ai.callcenter.tfidf.features.SparseVector;
import ai.callcenter.tfidf.features.TfidfVectorizer;
import ai.callcenter.tfidf.model.LinearModel;
import ai.callcenter.tfidf.model.TfidfModel;
import de.bwaldvogel.liblinear.SolverType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Picks solver and C on held-out data, fits the softmax temperature on the same held-out scores,
 * then refits vocabulary and weights on all the training data with the chosen settings. Held out
 * means one validation split, or k-fold cross-validation for training sets up to
 * {@code cross-validation-max-examples} (off by default: application.yaml says why).
 */
public final class TfidfTrainer {


    private final TfidfTrainingProperties properties;

    public TfidfTrainer(TfidfTrainingProperties properties) {
        this.properties = properties;
    }

    private record Candidate(TfidfTrainingProperties.Weighting weighting, SolverType solver, double c) {
    }

    /** One train/held-out split, vectorised with one weighting. */
    private record Fold(LiblinearFit.Design design, int[] y, List<SparseVector> heldOut) {
    }

    /** A candidate's scores on every held-out example, folds concatenated in order. */
    private record Scored(Candidate candidate, double[][] heldOutScores, double accuracy) {
    }

    /** Each split's training-part vocabulary, and the counts of all the data for the refit. */
    private record SearchVocabularies(List<TfidfVectorizer> perSplit, DocumentFrequencies all) {
    }

    public TfidfModel train(List<LabeledText> data, TrainingContext context) {
        Progress progress = context.progress();
        List<String> labels = List.copyOf(new TreeSet<>(data.stream().map(LabeledText::label).toList()));
        Map<String, Integer> labelIndex = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            labelIndex.put(labels.get(i), i);
        }

        // A 15 % split of a small set holds few examples per class to tell neighbouring C apart (on
        // Banking77, 1,500 examples for 77 classes); cross-validation scores every example once.
        boolean crossValidate = data.size() <= properties.crossValidationMaxExamples();
        List<StratifiedSplit.Split> splits = crossValidate
                ? StratifiedSplit.folds(data, properties.crossValidationFolds(), context.seed())
                : List.of(StratifiedSplit.split(data, properties.validationFraction(), context.seed()));
        String selection = crossValidate
                ? properties.crossValidationFolds() + "-fold cross-validation"
                : "validation split of " + properties.validationFraction();
        progress.step("choosing solver and C by " + selection + " of " + data.size() + " examples");
        SearchVocabularies vocabularies = searchVocabularies(splits, crossValidate);
        int[] heldOutY = splits.stream().flatMapToInt(split -> IntStream.of(classIndices(split.test(), labelIndex))).toArray();

        List<Scored> scored = new ArrayList<>();
        for (TfidfTrainingProperties.Weighting weighting : properties.weightings()) {
            List<Fold> folds = new ArrayList<>();
            for (int f = 0; f < splits.size(); f++) {
                TfidfVectorizer vectorizer = vocabularies.perSplit().get(f).withWeighting(weighting.useIdf(), weighting.charWeight());
                StratifiedSplit.Split split = splits.get(f);
                folds.add(new Fold(design(vectorizer, split.train(), progress, String.format("vectorizing split %d/%d (idf %s, char weight %s)",
                        f + 1, splits.size(), weighting.useIdf(), weighting.charWeight())),
                        classIndices(split.train(), labelIndex), vectors(vectorizer, split.test())));
            }
            List<Candidate> grid = new ArrayList<>();
            for (SolverType solver : properties.solvers()) {
                for (double c : properties.cGrid()) {
                    grid.add(new Candidate(weighting, solver, c));
                }
            }
            List<Scored> gridScores = score(grid, folds, heldOutY, labels.size(), progress, "searching solver x C");
            scored.addAll(gridScores);
            // Only a cross-validated search scores every example, which is what it takes to tell C
            // values 1.7x apart; on one split the midpoints win or lose by noise (IT tickets: C 0.17 over
            // 0.3 by 5 of 5,740) and cost a further round of fits (8.5 s of IT's 60 s budget).
            if (properties.refineC() && crossValidate) {
                Candidate gridBest = best(gridScores).candidate();
                List<Candidate> between = geometricNeighbours(gridBest.c()).stream()
                        .map(c -> new Candidate(weighting, gridBest.solver(), c)).toList();
                scored.addAll(score(between, folds, heldOutY, labels.size(), progress, "refining C around " + gridBest.c()));
            }
        }
        Scored best = best(scored);
        TfidfTrainingProperties.Weighting weighting = best.candidate().weighting();

        double temperature = TemperatureScaling.fit(best.heldOutScores(), heldOutY);
        ClassificationReport validationReport = Evaluator.evaluateScores(labels, best.heldOutScores(), heldOutY, temperature);
        progress.step(String.format("chose %s C=%s idf=%s char weight=%s: held-out accuracy %.4f, temperature %.4f, held-out ECE %.4f",
                best.candidate().solver(), best.candidate().c(), weighting.useIdf(), weighting.charWeight(), best.accuracy(),
                temperature, validationReport.ece()));

        ScopeModel scope = fitScope(splits, vocabularies, best.heldOutScores(), temperature);
        progress.step(String.format("out-of-scope detector %s fitted on %d in-scope held-out tickets (keep rate %s)",
                scope.served(), heldOutY.length, scope.keepRate()));

        progress.step("refitting on all " + data.size() + " training examples");
        TfidfVectorizer vectorizer = TfidfVectorizer.fit(vocabularies.all(),
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
        params.put("selection", selection);
        if (crossValidate) {
            params.put("cross_validation_folds", properties.crossValidationFolds());
        } else {
            params.put("validation_fraction", properties.validationFraction());
        }
        params.put("seed", context.seed());
        params.put("vocabulary_words", vectorizer.words().terms().size());
        params.put("vocabulary_chars", vectorizer.chars().terms().size());
        params.put("oos_method", scope.served());
        params.put("oos_keep_rate", scope.keepRate());
        Map<String, Object> search = new LinkedHashMap<>();
        for (Scored s : scored) {
            search.put(String.format("idf=%s char_weight=%s %s C=%s", s.candidate().weighting().useIdf(),
                    s.candidate().weighting().charWeight(), s.candidate().solver(), s.candidate().c()), s.accuracy());
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("validation", validationReport);
        metrics.put("search_validation_accuracy", search);
        ModelMetadata metadata = new ModelMetadata(TfidfModelType.NAME, ModelFiles.newVersion(TfidfModelType.NAME, now, context.dataSha256()),
                now.toString(), context.dataSha256(), data.size(), labels, params, metrics, context.languages());
        return new TfidfModel(vectorizer, model, metadata, scope);
    }

    /**
     * The detectors see what the served model will show them: the held-out scores of the chosen
     * candidate and OOV rates against the vocabulary that never saw those tickets. In-scope data only;
     * the threshold keeps the configured share of these tickets in scope.
     */
    private ScopeModel fitScope(List<StratifiedSplit.Split> splits, SearchVocabularies vocabularies, double[][] heldOutScores,
                                double temperature) {
        List<OosInput> inputs = new ArrayList<>(heldOutScores.length);
        int row = 0;
        for (int f = 0; f < splits.size(); f++) {
            TfidfVectorizer vectorizer = vocabularies.perSplit().get(f);
            for (LabeledText example : splits.get(f).test()) {
                inputs.add(new OosInput(heldOutScores[row++], temperature, null, vectorizer.outOfVocabularyRate(example.text())));
            }
        }
        return ScopeModel.fit(properties.oos(), inputs, null);
    }

    /**
     * Each document's terms are counted once: the held-out parts' counts, and the training parts' as
     * the rest of the total (cross-validation) or counted directly (one split).
     */
    private SearchVocabularies searchVocabularies(List<StratifiedSplit.Split> splits, boolean crossValidated) {
        List<DocumentFrequencies> heldOutCounts = splits.stream()
                .map(split -> DocumentFrequencies.count(texts(split.test()), properties.features())).toList();
        if (crossValidated) {
            DocumentFrequencies all = heldOutCounts.stream().reduce(DocumentFrequencies::plus).orElseThrow();
            return new SearchVocabularies(heldOutCounts.stream()
                    .map(heldOut -> TfidfVectorizer.fit(all.minus(heldOut), properties.features())).toList(), all);
        }
        DocumentFrequencies trainCounts = DocumentFrequencies.count(texts(splits.get(0).train()), properties.features());
        return new SearchVocabularies(List.of(TfidfVectorizer.fit(trainCounts, properties.features())),
                trainCounts.plus(heldOutCounts.get(0)));
    }

    /** Fits every candidate on every fold (in parallel) and pools its held-out scores, in fold order. */
    private List<Scored> score(List<Candidate> candidates, List<Fold> folds, int[] heldOutY, int classes, Progress progress,
                               String task) {
        progress.start(task, candidates.size() * folds.size());
        AtomicInteger done = new AtomicInteger();
        double[][][][] scores = new double[candidates.size()][folds.size()][][];
        // Largest C first: liblinear's iterations grow with C (on IT tickets C 3 takes 24 s, C 0.3 5 s),
        // so starting the long fits first lets the short ones fill the other core instead of leaving a
        // long fit to run alone at the end (IT search: 35 s -> 26 s on two cores).
        List<Integer> largestCFirst = IntStream.range(0, candidates.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> candidates.get(i).c()).reversed())
                .toList();
        List<Callable<Void>> fits = new ArrayList<>();
        for (int c : largestCFirst) {
            for (int f = 0; f < folds.size(); f++) {
                Candidate candidate = candidates.get(c);
                Fold fold = folds.get(f);
                double[][][] candidateScores = scores[c];
                int foldIndex = f;
                fits.add(() -> {
                    LinearModel model = LiblinearFit.fit(fold.design(), fold.y(), classes, candidate.solver(), candidate.c(),
                            properties.epsilon());
                    candidateScores[foldIndex] = fold.heldOut().stream().map(model::scores).toArray(double[][]::new);
                    progress.update(done.incrementAndGet());
                    return null;
                });
            }
        }
        runInOrder(fits);
        progress.finish();
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            double[][] pooled = Arrays.stream(scores[i]).flatMap(Arrays::stream).toArray(double[][]::new);
            scored.add(new Scored(candidates.get(i), pooled, accuracy(pooled, heldOutY)));
        }
        return scored;
    }

    /** Runs the tasks on one thread per core, each thread taking the next task in list order. */
    private static void runInOrder(List<Callable<Void>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            for (Future<Void> result : pool.invokeAll(tasks)) {
                result.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Ties go to the smaller C: the simpler model generalises at least as well. */
    private static Scored best(List<Scored> scored) {
        return scored.stream()
                .max(Comparator.comparingDouble(Scored::accuracy).thenComparing(s -> -s.candidate().c()))
                .orElseThrow();
    }

    /**
     * The geometric midpoints between {@code c} and its neighbours in the grid (none past the grid's
     * ends), rounded to two significant digits: the grid steps by about 3x, and accuracy can peak
     * between two steps.
     */
    List<Double> geometricNeighbours(double c) {
        List<Double> grid = properties.cGrid().stream().sorted().toList();
        int at = grid.indexOf(c);
        List<Double> between = new ArrayList<>();
        if (at > 0) {
            between.add(twoSignificantDigits(Math.sqrt(grid.get(at - 1) * c)));
        }
        if (at >= 0 && at + 1 < grid.size()) {
            between.add(twoSignificantDigits(Math.sqrt(c * grid.get(at + 1))));
        }
        return between;
    }

    private static double twoSignificantDigits(double value) {
        return new BigDecimal(value).round(new MathContext(2)).doubleValue();
    }

    private static double accuracy(double[][] scores, int[] y) {
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            if (Prediction.argMax(scores[i]) == y[i]) {
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

package ai.callcenter.transformer.head;

import ai.callcenter.ml.calibration.TemperatureScaling;
import ai.callcenter.ml.evaluation.Evaluator;
import ai.callcenter.ml.model.Prediction;
import ai.callcenter.ml.training.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Chooses the head on a validation split of the training data: every candidate (kind × setting) is
 * trained on the rest and scored on validation accuracy; the winner's temperature is fitted on its
 * validation scores, then it is retrained on all training data with the same setting.
 */
public final class HeadSearch {

    /** One trainable head configuration. */
    public interface Candidate {
        String describe();

        Map<String, Object> params();

        ClassificationHead train(float[][] x, int[] y, int classes);
    }

    /** Makes the candidate of a head kind this module does not train itself (the tools' MLP), for a seed. */
    @FunctionalInterface
    public interface CandidateFactory {
        Candidate create(long seed);
    }

    /** A validated candidate. */
    public record Trial(String candidate, double accuracy, double nll) {
    }

    /**
     * The refitted winner plus what was learned on validation; {@code validationScores} are the
     * winner's raw scores on the validation split before the refit (the out-of-scope detector's input).
     */
    public record Result(ClassificationHead head, Candidate winner, double temperature, List<Trial> trials,
                         double validationAccuracy, double validationEce, double[][] validationScores) {
    }

    private HeadSearch() {
    }

    public static Result run(List<Candidate> candidates, float[][] fitX, int[] fitY, float[][] valX, int[] valY,
                             float[][] allX, int[] allY, int classes, Progress progress) {
        List<Trial> trials = new ArrayList<>();
        Candidate best = null;
        double[][] bestScores = null;
        double bestAccuracy = -1;
        double bestNll = Double.MAX_VALUE;
        for (Candidate candidate : candidates) {
            long started = System.nanoTime();
            ClassificationHead head = candidate.train(fitX, fitY, classes);
            double[][] scores = scoreAll(head, valX);
            double accuracy = accuracy(scores, valY);
            double t = TemperatureScaling.fit(scores, valY);
            double nll = TemperatureScaling.negativeLogLikelihood(scores, valY, t);
            trials.add(new Trial(candidate.describe(), accuracy, nll));
            progress.step(String.format("  %-28s validation accuracy %.4f  NLL %.4f  (%.1f s)", candidate.describe(),
                    accuracy, nll, (System.nanoTime() - started) / 1e9));
            // Ties in accuracy go to the better-calibrated candidate.
            if (accuracy > bestAccuracy || (accuracy == bestAccuracy && nll < bestNll)) {
                best = candidate;
                bestScores = scores;
                bestAccuracy = accuracy;
                bestNll = nll;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no head candidates configured");
        }
        double temperature = TemperatureScaling.fit(bestScores, valY);
        double ece = Evaluator.evaluateScores(IntStream.range(0, classes).mapToObj(Integer::toString).toList(),
                bestScores, valY, temperature).ece();
        progress.step(String.format("best head %s (validation accuracy %.4f, T=%.3f, ECE %.4f); refitting on all %d examples",
                best.describe(), bestAccuracy, temperature, ece, allX.length));
        ClassificationHead head = best.train(allX, allY, classes);
        return new Result(head, best, temperature, trials, bestAccuracy, ece, bestScores);
    }

    public static double[][] scoreAll(ClassificationHead head, float[][] x) {
        double[][] scores = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            scores[i] = head.scores(x[i]);
        }
        return scores;
    }

    static double accuracy(double[][] scores, int[] y) {
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            if (Prediction.argMax(scores[i]) == y[i]) {
                correct++;
            }
        }
        return (double) correct / y.length;
    }

    /**
     * Parses candidate specs: {@code lr:C}, {@code svm:C}, or the name of one of {@code otherHeads}
     * (the tools register {@code mlp}).
     */
    public static List<Candidate> parse(List<String> specs, LinearTrainer linear, Map<String, CandidateFactory> otherHeads,
                                        long seed) {
        List<Candidate> out = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.trim().split(":");
            switch (parts[0]) {
                case "lr" -> out.add(linear(linear, LinearTrainer.Solver.LR, cOf(spec, parts)));
                case "svm" -> out.add(linear(linear, LinearTrainer.Solver.SVM, cOf(spec, parts)));
                default -> {
                    CandidateFactory other = otherHeads.get(parts[0]);
                    if (other == null) {
                        throw new IllegalArgumentException("unknown head candidate '" + spec + "'; use lr:C or svm:C"
                                + (otherHeads.isEmpty() ? "" : " or " + String.join(", ", new java.util.TreeSet<>(otherHeads.keySet())))
                                + (parts[0].equals(MlpHead.KIND) ? " (the mlp head is trained by bin/callcenter train)" : ""));
                    }
                    out.add(other.create(seed));
                }
            }
        }
        return out;
    }

    private static double cOf(String spec, String[] parts) {
        if (parts.length != 2) {
            throw new IllegalArgumentException("head candidate '" + spec + "' needs its C, e.g. lr:0.3");
        }
        return Double.parseDouble(parts[1]);
    }

    private static Candidate linear(LinearTrainer trainer, LinearTrainer.Solver solver, double c) {
        return new Candidate() {
            @Override
            public String describe() {
                return solver.id() + " C=" + c;
            }

            @Override
            public Map<String, Object> params() {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("head", solver.id());
                p.put("C", c);
                return p;
            }

            @Override
            public ClassificationHead train(float[][] x, int[] y, int classes) {
                return trainer.train(x, y, classes, solver, c);
            }
        };
    }
}

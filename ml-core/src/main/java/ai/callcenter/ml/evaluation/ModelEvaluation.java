package ai.callcenter.ml.evaluation;

import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.ml.model.Classified;
import ai.callcenter.ml.model.Prediction;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.training.Progress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a classifier over labelled data and scores it. */
public final class ModelEvaluation {

    private static final int CHUNK = 256;

    private ModelEvaluation() {
    }

    /** The report plus every ticket's answer, in data order (with its out-of-scope verdict, if any). */
    public record Run(ClassificationReport report, List<Classified> answers, int[] predicted) {
    }

    public static ClassificationReport evaluate(TextClassifier classifier, List<LabeledText> data, Progress progress) {
        return run(classifier, data, progress).report();
    }

    public static Run run(TextClassifier classifier, List<LabeledText> data, Progress progress) {
        return run(classifier, data, null, progress);
    }

    /** @param language every text's language as a caller would give it (null: unknown), which picks the model's head */
    public static Run run(TextClassifier classifier, List<LabeledText> data, String language, Progress progress) {
        // Labels the model never saw still count: every such example is an error.
        List<String> labels = new ArrayList<>(classifier.labels());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int n = data.size();
        int[] truth = new int[n];
        int[] predicted = new int[n];
        double[] confidence = new double[n];
        List<Classified> answers = new ArrayList<>(n);
        progress.start("predicting", n);
        for (int from = 0; from < n; from += CHUNK) {
            List<LabeledText> chunk = data.subList(from, Math.min(n, from + CHUNK));
            List<String> texts = chunk.stream().map(LabeledText::text).toList();
            List<Classified> classified = language == null ? classifier.classify(texts)
                    : classifier.classify(texts, Collections.nCopies(texts.size(), language));
            answers.addAll(classified);
            for (int j = 0; j < chunk.size(); j++) {
                int i = from + j;
                truth[i] = index.computeIfAbsent(chunk.get(j).label(), label -> {
                    labels.add(label);
                    return labels.size() - 1;
                });
                double[] p = classified.get(j).probabilities();
                predicted[i] = Prediction.argMax(p);
                confidence[i] = p[predicted[i]];
            }
            progress.update(from + chunk.size());
        }
        progress.finish();
        return new Run(Evaluator.evaluate(labels, truth, predicted, confidence), answers, predicted);
    }
}

package ai.callcenter.ml.evaluation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How well out-of-scope tickets are told apart, with out of scope as the positive class.
 *
 * @param oosRecall       share of out-of-scope tickets flagged
 * @param oosPrecision    share of flagged tickets that are out of scope; null when none was flagged
 * @param oosAuroc        probability that a random out-of-scope ticket scores above a random in-scope one
 * @param inScopeAccuracy share of in-scope tickets given their true category and not flagged (a flagged
 *                        in-scope ticket is a wrong answer)
 * @param inScopeFlagged  share of in-scope tickets flagged out of scope
 * @param inScopeKeptAccuracy accuracy on the in-scope tickets left unflagged (the selective view; null when all
 *                        were flagged), for comparison with figures that do not count flagged tickets as wrong
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OosReport(double oosRecall, Double oosPrecision, double oosAuroc, double inScopeAccuracy,
                        double inScopeFlagged, Double inScopeKeptAccuracy, int nOos, int nInScope) {

    /**
     * @param outOfScope true per ticket that is out of scope
     * @param score      the detector's score (higher = more likely out of scope)
     * @param flagged    whether the detector said out of scope
     * @param correct    whether the predicted category was the true one (ignored for out-of-scope tickets)
     */
    public static OosReport of(boolean[] outOfScope, double[] score, boolean[] flagged, boolean[] correct) {
        int n = outOfScope.length;
        if (score.length != n || flagged.length != n || correct.length != n) {
            throw new IllegalArgumentException("all arrays must have the same length");
        }
        int nOos = 0;
        int caught = 0;
        int flaggedTotal = 0;
        int inScopeRight = 0;
        int inScopeFlagged = 0;
        for (int i = 0; i < n; i++) {
            if (flagged[i]) {
                flaggedTotal++;
            }
            if (outOfScope[i]) {
                nOos++;
                if (flagged[i]) {
                    caught++;
                }
            } else if (flagged[i]) {
                inScopeFlagged++;
            } else if (correct[i]) {
                inScopeRight++;
            }
        }
        int nIn = n - nOos;
        if (nOos == 0 || nIn == 0) {
            throw new IllegalArgumentException("need both in-scope and out-of-scope tickets; got " + nIn + " and " + nOos);
        }
        int kept = nIn - inScopeFlagged;
        return new OosReport((double) caught / nOos, flaggedTotal == 0 ? null : (double) caught / flaggedTotal,
                auroc(score, outOfScope), (double) inScopeRight / nIn, (double) inScopeFlagged / nIn,
                kept == 0 ? null : (double) inScopeRight / kept, nOos, nIn);
    }

    /**
     * The most out-of-scope tickets any threshold on {@code score} catches while in-scope accuracy
     * (flagged in-scope tickets counted wrong) stays at least {@code minInScopeAccuracy}: the
     * operating curve's figure, for comparing detectors independently of where a keep rate put their
     * threshold. Measured on the evaluated data, so it describes the detector and must not set the threshold.
     */
    public static double recallAtInScopeAccuracy(boolean[] outOfScope, double[] score, boolean[] correct,
                                                 double minInScopeAccuracy) {
        int n = score.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
        int nOos = 0;
        int inScopeRight = 0;
        for (int i = 0; i < n; i++) {
            if (outOfScope[i]) {
                nOos++;
            } else if (correct[i]) {
                inScopeRight++;
            }
        }
        int nIn = n - nOos;
        double best = 0;
        int caught = 0;
        // Flag the highest scores one tie group at a time.
        int k = 0;
        while (k < n) {
            int end = k;
            while (end < n && score[order[end]] == score[order[k]]) {
                int i = order[end];
                if (outOfScope[i]) {
                    caught++;
                } else if (correct[i]) {
                    inScopeRight--;
                }
                end++;
            }
            k = end;
            if ((double) inScopeRight / nIn >= minInScopeAccuracy) {
                best = Math.max(best, (double) caught / nOos);
            } else {
                break;
            }
        }
        return best;
    }

    /**
     * The Mann-Whitney form of the area under the ROC curve: the mean rank of the positives among all
     * scores, tied scores sharing their average rank (a tie counts one half).
     */
    public static double auroc(double[] score, boolean[] positive) {
        int n = score.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = averageRank;
            }
            i = j + 1;
        }
        long positives = 0;
        double rankSum = 0;
        for (int k = 0; k < n; k++) {
            if (positive[k]) {
                positives++;
                rankSum += rank[k];
            }
        }
        long negatives = n - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}

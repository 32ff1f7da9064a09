package ai.callcenter.tools.promotion;

import ai.callcenter.ml.evaluation.ClassificationReport;
import java.util.Locale;
import java.util.Optional;

/**
 * When a candidate may take the champion's place: its hold-out accuracy is at most
 * {@code accuracyTolerance} below the champion's AND its ECE at most {@code eceTolerance} above.
 * Both are measured on the same tickets, so a difference is the models', not the data's.
 */
public record PromotionRule(double accuracyTolerance, double eceTolerance) {

    /** The outcome, with a sentence saying why. */
    public record Decision(boolean promote, boolean forced, String reason) {
    }

    public PromotionRule {
        if (accuracyTolerance < 0 || eceTolerance < 0) {
            throw new IllegalArgumentException("tolerances cannot be negative");
        }
    }

    public Decision decide(ClassificationReport candidate, Optional<ClassificationReport> champion, boolean force) {
        if (champion.isEmpty()) {
            return new Decision(true, false, "there is no champion yet, so the candidate becomes it");
        }
        ClassificationReport current = champion.get();
        double accuracyDrop = current.accuracy() - candidate.accuracy();
        double eceRise = candidate.ece() - current.ece();
        boolean accuracyHolds = accuracyDrop <= accuracyTolerance;
        boolean calibrationHolds = eceRise <= eceTolerance;
        String figures = String.format(Locale.ROOT, "accuracy %.4f vs %.4f (tolerance %.4f), ECE %.4f vs %.4f (tolerance %.4f)",
                candidate.accuracy(), current.accuracy(), accuracyTolerance, candidate.ece(), current.ece(), eceTolerance);
        String verdict;
        if (accuracyHolds && calibrationHolds) {
            verdict = "the candidate is not worse: " + figures;
        } else if (!accuracyHolds && !calibrationHolds) {
            verdict = "the candidate is less accurate and worse calibrated: " + figures;
        } else if (!accuracyHolds) {
            verdict = "the candidate is less accurate by more than the tolerance: " + figures;
        } else {
            verdict = "the candidate is worse calibrated: " + figures;
        }
        boolean promote = accuracyHolds && calibrationHolds;
        if (force && !promote) {
            return new Decision(true, true, "forced although " + verdict);
        }
        return new Decision(promote, false, verdict);
    }
}

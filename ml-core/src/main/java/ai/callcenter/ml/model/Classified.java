package ai.callcenter.ml.model;

import ai.callcenter.ml.oos.OosInput;
import ai.callcenter.ml.oos.ScopeModel;

/**
 * A classifier's answer for one text: calibrated probabilities and, from a model with an
 * out-of-scope detector, its verdict and what it was computed from (for {@code evaluate} to compare
 * the stored detectors); both null otherwise.
 */
public record Classified(double[] probabilities, ScopeModel.Verdict verdict, OosInput oosInput) {

    public static Classified withoutScope(double[] probabilities) {
        return new Classified(probabilities, null, null);
    }
}

package ai.callcenter.ml.model;

import ai.callcenter.ml.oos.OosInput;
import ai.callcenter.ml.oos.ScopeModel;

/**
 * A classifier's answer for one text: calibrated probabilities and, from a model with an
 * out-of-scope detector, its verdict and what it was computed from (for {@code evaluate} to compare
 * the stored detectors); both null otherwise. {@code head} names the head that answered when a model
 * has more than one (the transformer's {@code cross-lingual} head); null for the main one.
 */
public record Classified(double[] probabilities, ScopeModel.Verdict verdict, OosInput oosInput, String head) {

    public Classified(double[] probabilities, ScopeModel.Verdict verdict, OosInput oosInput) {
        this(probabilities, verdict, oosInput, null);
    }

    public static Classified withoutScope(double[] probabilities) {
        return new Classified(probabilities, null, null, null);
    }

    public Classified withHead(String name) {
        return new Classified(probabilities, verdict, oosInput, name);
    }
}

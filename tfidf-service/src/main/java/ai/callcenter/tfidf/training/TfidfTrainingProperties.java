package ai.callcenter.tfidf.training;

import ai.callcenter.ml.oos.OosSettings;
import ai.callcenter.tfidf.features.FeatureParams;
import de.bwaldvogel.liblinear.SolverType;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How {@code train --model tfidf} searches for a model. Hyper-parameters are chosen on a
 * validation split carved out of the training data; the test data is never looked at.
 *
 * @param weightings         term weightings tried (idf on or off, character block weight); the
 *                           n-gram ranges and vocabulary limits come from {@code features}
 * @param validationFraction share of the training data held out to pick C and fit the temperature,
 *                           for training sets larger than {@code crossValidationMaxExamples}
 * @param crossValidationFolds        folds used on training sets up to {@code crossValidationMaxExamples}
 * @param crossValidationMaxExamples  the largest training set that is cross-validated; beyond it the
 *                           single split is large enough and cross-validation would cost k times the search
 * @param cGrid              regularisation strengths tried
 * @param refineC            in a cross-validated search, also try the geometric midpoints between the
 *                           best C and its grid neighbours
 * @param solvers            liblinear solvers tried
 * @param epsilon            liblinear stopping tolerance
 * @param oos                the out-of-scope detector fitted on the same held-out scores (docs/out-of-scope.md)
 */
@ConfigurationProperties("callcenter.tfidf.training")
public record TfidfTrainingProperties(
        FeatureParams features,
        List<Weighting> weightings,
        double validationFraction,
        int crossValidationFolds,
        int crossValidationMaxExamples,
        List<Double> cGrid,
        boolean refineC,
        List<SolverType> solvers,
        double epsilon,
        OosSettings oos) {

    public record Weighting(boolean useIdf, double charWeight) {
    }
}

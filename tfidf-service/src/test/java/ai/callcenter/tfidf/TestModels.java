package ai.callcenter.tfidf;

import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.serving.settings.ServiceSettings;
import ai.callcenter.tfidf.features.FeatureParams;
import ai.callcenter.tfidf.training.TfidfTrainingProperties;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.List;

/** Training settings for tests: the production recipe, with a smaller search where speed matters. */
public final class TestModels {

    /** The production recipe, read from application.yaml exactly as {@code bin/callcenter train} reads it. */
    private static final TfidfTrainingProperties PRODUCTION =
            ServiceSettings.of(TfidfApplication.class).bind(TfidfTrainingProperties.class);
    public static final FeatureParams FEATURES = PRODUCTION.features();

    private TestModels() {
    }

    /** Six ticket templates over three classes: easy, so any sane model gets them right. */
    public static List<LabeledText> tinyTickets() {
        List<LabeledText> data = new ArrayList<>();
        String[][] templates = {
                {"printer %d is jammed again", "hardware"}, {"laptop screen %d flickers", "hardware"},
                {"please reset my password %d", "access"}, {"cannot log in to account %d", "access"},
                {"question about my payslip %d", "hr"}, {"holiday request number %d", "hr"}};
        for (int i = 0; i < 40; i++) {
            for (String[] t : templates) {
                data.add(new LabeledText(String.format(t[0], i), t[1]));
            }
        }
        return data;
    }

    /** Two weightings and two C on one validation split (no data set is small enough to be cross-validated). */
    public static TfidfTrainingProperties quickTraining() {
        return new TfidfTrainingProperties(FEATURES,
                List.of(new TfidfTrainingProperties.Weighting(true, 1.0), new TfidfTrainingProperties.Weighting(false, 0.3)),
                0.15, 5, 0, List.of(0.3, 1.0), false, List.of(SolverType.MCSVM_CS), 0.1, PRODUCTION.oos());
    }

    /** The production search (application.yaml): one validation split, the C grid. */
    public static TfidfTrainingProperties productionSearch() {
        return PRODUCTION;
    }

    /** The production search with cross-validation turned on below 20,000 examples (C refined around the best). */
    public static TfidfTrainingProperties crossValidatedSearch() {
        TfidfTrainingProperties p = productionSearch();
        return new TfidfTrainingProperties(p.features(), p.weightings(), p.validationFraction(), p.crossValidationFolds(), 20_000,
                p.cGrid(), p.refineC(), p.solvers(), p.epsilon(), p.oos());
    }
}

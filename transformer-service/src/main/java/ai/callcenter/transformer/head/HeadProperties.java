package ai.callcenter.transformer.head;

import ai.callcenter.ml.oos.OosSettings;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the classification head is searched and trained on frozen embeddings.
 *
 * @param validationFraction share of the training data held out to choose the head and fit the
 *                           temperature; never test data
 * @param candidates         heads tried on validation: {@code lr:C} and {@code svm:C} (liblinear,
 *                           C = inverse regularisation strength) and {@code mlp} (settings below)
 * @param epsilon            liblinear stopping tolerance
 * @param standardize        z-score embedding dimensions before the linear heads
 * @param threads            parallel one-vs-rest workers; 0 means one per core
 * @param embeddingCacheDir  where training stores sentence vectors (git-ignored)
 * @param mlp                settings of the MLP head
 * @param oos                the out-of-scope detector, fitted on the same validation split (docs/out-of-scope.md)
 * @param crossLingual       the second head, for tickets in languages the training texts are not in (docs/multilingual.md)
 */
@ConfigurationProperties("callcenter.transformer.head")
public record HeadProperties(
        double validationFraction,
        List<String> candidates,
        double epsilon,
        boolean standardize,
        int threads,
        String embeddingCacheDir,
        MlpProperties mlp,
        OosSettings oos,
        CrossLingualProperties crossLingual) {

    public HeadProperties {
        crossLingual = crossLingual == null ? CrossLingualProperties.NONE : crossLingual;
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * @param hidden       hidden layer width
     * @param epochs       most passes over the training data
     * @param batchSize    examples per gradient step
     * @param learningRate Adam step size
     * @param dropout      dropout before the output layer
     * @param weightDecay  L2 penalty on the weights
     */
    public record MlpProperties(int hidden, int epochs, int batchSize, double learningRate, double dropout,
                                double weightDecay) {
    }

    /**
     * @param encoder   the multilingual encoder the second head reads through; blank = no second head
     * @param languages the languages that encoder is made for, recorded in the model: the agent flags a
     *                  ticket in any other language for review
     */
    public record CrossLingualProperties(String encoder, List<String> languages) {

        public static final CrossLingualProperties NONE = new CrossLingualProperties("", List.of());

        public CrossLingualProperties {
            languages = languages == null ? List.of() : List.copyOf(languages);
        }

        public boolean enabled() {
            return encoder != null && !encoder.isBlank();
        }
    }
}

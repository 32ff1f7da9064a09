package ai.callcenter.ml.oos;

import ai.callcenter.ml.calibration.TemperatureScaling;

/**
 * One raw out-of-scope signal; every signal is oriented so that higher means less like the training
 * classes. Detectors standardise and combine them ({@link OosDetector}).
 */
public enum Signal {

    /** 1 - the highest calibrated probability (Hendrycks and Gimpel, 2017): the baseline. */
    MSP("msp", false) {
        @Override
        double value(OosInput input, EmbeddingSpace space) {
            double[] p = TemperatureScaling.softmax(input.scores(), input.temperature());
            double max = 0;
            for (double v : p) {
                max = Math.max(max, v);
            }
            return 1 - max;
        }
    },
    /** Free energy -T log sum exp(s / T) (Liu et al., 2020): keeps the scale softmax normalises away. */
    ENERGY("energy", false) {
        @Override
        double value(OosInput input, EmbeddingSpace space) {
            double t = input.temperature();
            double max = Double.NEGATIVE_INFINITY;
            for (double s : input.scores()) {
                max = Math.max(max, s / t);
            }
            double sum = 0;
            for (double s : input.scores()) {
                sum += Math.exp(s / t - max);
            }
            return -t * (max + Math.log(sum));
        }
    },
    /** Minus the highest raw class score. */
    MAX_LOGIT("max-logit", false) {
        @Override
        double value(OosInput input, EmbeddingSpace space) {
            double max = Double.NEGATIVE_INFINITY;
            for (double s : input.scores()) {
                max = Math.max(max, s);
            }
            return -max;
        }
    },
    /** The share of words the vocabulary never saw (tfidf only). */
    OOV("oov", false) {
        @Override
        double value(OosInput input, EmbeddingSpace space) {
            if (input.oovRate() == null) {
                throw new IllegalStateException("the oov signal needs a model with a vocabulary");
            }
            return input.oovRate();
        }
    },
    /** Squared Mahalanobis distance to the nearest class mean, shared covariance (Lee et al., 2018). */
    MAHALANOBIS("mahalanobis", true) {
        @Override
        double value(OosInput input, EmbeddingSpace space) {
            return space.nearestMahalanobis(embedding(input));
        }
    },
    /**
     * Squared Mahalanobis distance to the nearest class mean measured only inside the span of the
     * class means (the linear discriminant subspace, at most classes - 1 directions): the plain
     * signal's remaining hundreds of directions are the same for every class and mostly noise.
     */
    LDA_MAHALANOBIS("lda-mahalanobis", true) {
        @Override
        double value(OosInput input, EmbeddingSpace space) {
            return space.nearestDiscriminantMahalanobis(embedding(input));
        }
    },
    /** 1 - the mean cosine similarity to the k nearest training vectors (Sun et al., 2022). */
    KNN("knn", true) {
        @Override
        double value(OosInput input, EmbeddingSpace space) {
            return 1 - space.nearestNeighbours(embedding(input));
        }
    },
    /** 1 - the highest cosine similarity to a class mean. */
    CENTROID_COSINE("centroid-cosine", true) {
        @Override
        double value(OosInput input, EmbeddingSpace space) {
            return 1 - space.nearestCosine(embedding(input));
        }
    };

    private final String id;
    private final boolean needsEmbedding;

    Signal(String id, boolean needsEmbedding) {
        this.id = id;
        this.needsEmbedding = needsEmbedding;
    }

    abstract double value(OosInput input, EmbeddingSpace space);

    public String id() {
        return id;
    }

    /** Needs the encoder's vectors and the class statistics fitted from them. */
    public boolean needsEmbedding() {
        return needsEmbedding;
    }

    public static Signal byId(String id) {
        for (Signal s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown out-of-scope signal '" + id + "'; expected one of "
                + java.util.Arrays.stream(values()).map(Signal::id).toList());
    }

    private static float[] embedding(OosInput input) {
        if (input.embedding() == null) {
            throw new IllegalStateException("this signal needs the encoder's sentence vector");
        }
        return input.embedding();
    }
}

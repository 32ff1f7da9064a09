package ai.callcenter.testing;

import java.util.Random;

/** Labelled points around class-specific centres: linearly separable up to noise, for training heads in tests. */
public final class GaussianBlobs {

    /** The class centres are fixed by this seed, so every call draws from the same classes. */
    private static final long CENTRES_SEED = 7;
    private static final double SPREAD = 0.5;

    private GaussianBlobs() {
    }

    /**
     * @param y    filled with the class of each point (i % classes)
     * @param seed the noise; different seeds give different points of the same classes
     */
    public static float[][] sample(int n, int[] y, long seed, int classes, int dimensions) {
        Random centres = new Random(CENTRES_SEED);
        float[][] mu = new float[classes][dimensions];
        for (float[] c : mu) {
            for (int d = 0; d < dimensions; d++) {
                c[d] = (float) centres.nextGaussian();
            }
        }
        Random random = new Random(seed);
        float[][] x = new float[n][dimensions];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int d = 0; d < dimensions; d++) {
                x[i][d] = mu[y[i]][d] + (float) (SPREAD * random.nextGaussian());
            }
        }
        return x;
    }
}

package ai.callcenter.transformer.head;

/**
 * Per-dimension z-scoring. Normalised sentence vectors have coordinates around ±0.05, which makes
 * the regularisation strength of a linear model depend on the encoder; z-scoring puts every encoder
 * on the same scale so one C grid fits all.
 */
public record Standardizer(double[] mean, double[] scale) {

    private static final double MIN_SCALE = 1e-8;

    public static Standardizer fit(float[][] x) {
        int dim = x[0].length;
        double[] mean = new double[dim];
        double[] sq = new double[dim];
        for (float[] row : x) {
            for (int d = 0; d < dim; d++) {
                mean[d] += row[d];
                sq[d] += (double) row[d] * row[d];
            }
        }
        double[] scale = new double[dim];
        for (int d = 0; d < dim; d++) {
            mean[d] /= x.length;
            scale[d] = Math.max(MIN_SCALE, Math.sqrt(Math.max(0, sq[d] / x.length - mean[d] * mean[d])));
        }
        return new Standardizer(mean, scale);
    }

    /** Leaves vectors as they are. */
    public static Standardizer identity(int dim) {
        double[] scale = new double[dim];
        java.util.Arrays.fill(scale, 1.0);
        return new Standardizer(new double[dim], scale);
    }

    public double[] apply(float[] v) {
        double[] out = new double[v.length];
        for (int d = 0; d < v.length; d++) {
            out[d] = (v[d] - mean[d]) / scale[d];
        }
        return out;
    }

    public double[][] applyAll(float[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = apply(x[i]);
        }
        return out;
    }
}

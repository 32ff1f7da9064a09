package ai.callcenter.ml.oos;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Class means of the training vectors and a whitening of their shared within-class covariance, so
 * that a Mahalanobis distance is a Euclidean one after one matrix-vector product: with
 * {@code Σ + λI = L Lᵀ}, {@code d²(x, μ) = |L⁻¹x - L⁻¹μ|²}. Immutable and thread-safe.
 *
 * For the nearest-neighbour signal it also keeps the training vectors, unit-normalised.
 *
 * @param centroids         class means, unit-normalised copies are used for cosine
 * @param whitening         {@code L⁻¹}, row-major {@code dimension × dimension}
 * @param whitenedCentroids {@code L⁻¹μ} per class
 * @param neighbours        unit-normalised training vectors, row-major; empty when no signal needs them
 * @param k                 how many nearest neighbours the kNN signal averages over
 */
public record EmbeddingSpace(float[][] centroids, float[] whitening, float[][] whitenedCentroids, float[] neighbours, int k) {

    public int dimension() {
        return centroids[0].length;
    }

    /**
     * @param shrinkage ridge added to the covariance's diagonal, as a share of its mean variance: with
     *                  768 dimensions and a few thousand vectors the raw estimate is near-singular
     */
    public static EmbeddingSpace fit(float[][] x, int[] y, int classes, double shrinkage) {
        return fit(x, y, classes, shrinkage, 0);
    }

    /** @param k nearest neighbours for the kNN signal; 0 keeps no training vectors */
    public static EmbeddingSpace fit(float[][] x, int[] y, int classes, double shrinkage, int k) {
        int d = x[0].length;
        double[][] means = new double[classes][d];
        int[] counts = new int[classes];
        for (int i = 0; i < x.length; i++) {
            counts[y[i]]++;
            for (int j = 0; j < d; j++) {
                means[y[i]][j] += x[i][j];
            }
        }
        for (int c = 0; c < classes; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("class " + c + " has no vectors");
            }
            for (int j = 0; j < d; j++) {
                means[c][j] /= counts[c];
            }
        }
        double[] cov = new double[d * d];
        double[] centred = new double[d];
        for (int i = 0; i < x.length; i++) {
            double[] mu = means[y[i]];
            for (int j = 0; j < d; j++) {
                centred[j] = x[i][j] - mu[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                int row = a * d;
                for (int b = 0; b <= a; b++) {
                    cov[row + b] += ca * centred[b];
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                cov[a * d + b] /= x.length;
            }
            trace += cov[a * d + a];
        }
        double ridge = shrinkage * trace / d;
        for (int a = 0; a < d; a++) {
            cov[a * d + a] += ridge;
        }
        double[] inverseL = invertLower(cholesky(cov, d), d);
        float[] whitening = new float[d * d];
        for (int i = 0; i < whitening.length; i++) {
            whitening[i] = (float) inverseL[i];
        }
        float[][] centroids = new float[classes][d];
        float[][] whitened = new float[classes][];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) {
                centroids[c][j] = (float) means[c][j];
            }
            whitened[c] = whiten(whitening, centroids[c]);
        }
        float[] neighbours = new float[k > 0 ? x.length * d : 0];
        if (k > 0) {
            for (int i = 0; i < x.length; i++) {
                double n = norm(x[i]);
                for (int j = 0; j < d; j++) {
                    neighbours[i * d + j] = (float) (x[i][j] / n);
                }
            }
        }
        return new EmbeddingSpace(centroids, whitening, whitened, neighbours, k);
    }

    /** Mean cosine similarity to the k most similar training vectors (Sun et al., 2022). */
    public double nearestNeighbours(float[] x) {
        int d = x.length;
        int n = neighbours.length / d;
        if (n == 0) {
            throw new IllegalStateException("the model kept no training vectors; fit the space with k > 0");
        }
        double xNorm = norm(x);
        // The k best so far, smallest at [0]: k is small, so a sorted array beats a heap.
        double[] best = new double[k];
        java.util.Arrays.fill(best, -2);
        for (int i = 0; i < n; i++) {
            double dot = 0;
            int row = i * d;
            for (int j = 0; j < d; j++) {
                dot += neighbours[row + j] * x[j];
            }
            double sim = dot / xNorm;
            if (sim > best[0]) {
                int at = 0;
                while (at + 1 < k && best[at + 1] < sim) {
                    best[at] = best[at + 1];
                    at++;
                }
                best[at] = sim;
            }
        }
        double sum = 0;
        for (double b : best) {
            sum += b;
        }
        return sum / k;
    }

    public double nearestMahalanobis(float[] x) {
        float[] z = whiten(whitening, x);
        double best = Double.MAX_VALUE;
        for (float[] m : whitenedCentroids) {
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                double diff = z[j] - m[j];
                sum += diff * diff;
            }
            best = Math.min(best, sum);
        }
        return best;
    }

    public double nearestCosine(float[] x) {
        double best = -1;
        double xNorm = norm(x);
        for (float[] m : centroids) {
            double dot = 0;
            for (int j = 0; j < x.length; j++) {
                dot += x[j] * m[j];
            }
            best = Math.max(best, dot / (xNorm * norm(m) + Double.MIN_VALUE));
        }
        return best;
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float f : v) {
            sum += f * f;
        }
        return Math.sqrt(sum);
    }

    /** L⁻¹ is lower-triangular: row i only reads the first i + 1 entries. */
    private static float[] whiten(float[] whitening, float[] x) {
        int d = x.length;
        float[] z = new float[d];
        for (int i = 0; i < d; i++) {
            double sum = 0;
            int row = i * d;
            for (int j = 0; j <= i; j++) {
                sum += whitening[row + j] * x[j];
            }
            z[i] = (float) sum;
        }
        return z;
    }

    /** Lower Cholesky factor of a symmetric positive-definite matrix given by its lower triangle. */
    static double[] cholesky(double[] a, int d) {
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i * d + k] * l[j * d + k];
                }
                if (i == j) {
                    if (sum <= 0) {
                        throw new IllegalArgumentException("covariance is not positive definite; raise the shrinkage");
                    }
                    l[i * d + i] = Math.sqrt(sum);
                } else {
                    l[i * d + j] = sum / l[j * d + j];
                }
            }
        }
        return l;
    }

    static double[] invertLower(double[] l, int d) {
        double[] inv = new double[d * d];
        for (int col = 0; col < d; col++) {
            inv[col * d + col] = 1 / l[col * d + col];
            for (int i = col + 1; i < d; i++) {
                double sum = 0;
                for (int k = col; k < i; k++) {
                    sum -= l[i * d + k] * inv[k * d + col];
                }
                inv[i * d + col] = sum / l[i * d + i];
            }
        }
        return inv;
    }

    /**
     * int classes, int dimension, centroids, whitening, whitened centroids, then int k, int rows and
     * the training vectors: big-endian floats.
     */
    public void write(Path file) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(centroids.length);
            out.writeInt(dimension());
            for (float[] c : centroids) {
                writeFloats(out, c);
            }
            writeFloats(out, whitening);
            for (float[] c : whitenedCentroids) {
                writeFloats(out, c);
            }
            out.writeInt(k);
            out.writeInt(neighbours.length / dimension());
            writeFloats(out, neighbours);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static EmbeddingSpace read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int classes = in.readInt();
            int d = in.readInt();
            float[][] centroids = new float[classes][];
            for (int c = 0; c < classes; c++) {
                centroids[c] = readFloats(in, d);
            }
            float[] whitening = readFloats(in, d * d);
            float[][] whitened = new float[classes][];
            for (int c = 0; c < classes; c++) {
                whitened[c] = readFloats(in, d);
            }
            int k = in.readInt();
            int rows = in.readInt();
            return new EmbeddingSpace(centroids, whitening, whitened, readFloats(in, rows * d), k);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in, int n) throws IOException {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.readFloat();
        }
        return out;
    }
}

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
 * The whitened distance splits into two parts: the part inside the span of the whitened class means
 * (at most classes - 1 directions, the space linear discriminant analysis projects onto) and the rest,
 * which is the same for every class and, with hundreds of dimensions, mostly noise. {@code
 * discriminant} projects a vector onto the first part only, for the {@code lda-mahalanobis} signal.
 *
 * For the nearest-neighbour signal it also keeps the training vectors, unit-normalised.
 *
 * @param centroids         class means, unit-normalised copies are used for cosine
 * @param whitening         {@code L⁻¹}, row-major {@code dimension × dimension}
 * @param whitenedCentroids {@code L⁻¹μ} per class
 * @param neighbours        unit-normalised training vectors, row-major; empty when no signal needs them
 * @param k                 how many nearest neighbours the kNN signal averages over
 * @param discriminant      {@code Bᵀ L⁻¹}, row-major {@code rank × dimension}, with B an orthonormal basis of
 *                          the whitened class means' differences; empty in files written before it existed
 * @param discriminantCentroids {@code Bᵀ L⁻¹ μ} per class; empty when {@code discriminant} is
 */
public record EmbeddingSpace(float[][] centroids, float[] whitening, float[][] whitenedCentroids, float[] neighbours, int k,
                             float[] discriminant, float[][] discriminantCentroids) {

    /** A space without the discriminant projection (as files written before it read back). */
    public EmbeddingSpace(float[][] centroids, float[] whitening, float[][] whitenedCentroids, float[] neighbours, int k) {
        this(centroids, whitening, whitenedCentroids, neighbours, k, new float[0], new float[0][]);
    }

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
        double[][] basis = discriminantBasis(whitened);
        float[] discriminant = new float[basis.length * d];
        for (int r = 0; r < basis.length; r++) {
            // Row r of Bᵀ L⁻¹: L⁻¹ is lower-triangular, so column j only has rows i >= j.
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int i = j; i < d; i++) {
                    sum += basis[r][i] * inverseL[i * d + j];
                }
                discriminant[r * d + j] = (float) sum;
            }
        }
        float[][] discriminantCentroids = new float[classes][];
        for (int c = 0; c < classes; c++) {
            discriminantCentroids[c] = project(discriminant, basis.length, centroids[c]);
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
        return new EmbeddingSpace(centroids, whitening, whitened, neighbours, k, discriminant, discriminantCentroids);
    }

    /**
     * An orthonormal basis of the span of the whitened class means' differences from their average
     * (modified Gram-Schmidt, twice for round-off); directions with nothing left are dropped.
     */
    static double[][] discriminantBasis(float[][] whitenedCentroids) {
        int classes = whitenedCentroids.length;
        int d = whitenedCentroids[0].length;
        double[] average = new double[d];
        for (float[] c : whitenedCentroids) {
            for (int j = 0; j < d; j++) {
                average[j] += c[j] / (double) classes;
            }
        }
        java.util.List<double[]> basis = new java.util.ArrayList<>();
        for (float[] c : whitenedCentroids) {
            double[] v = new double[d];
            double before = 0;
            for (int j = 0; j < d; j++) {
                v[j] = c[j] - average[j];
                before += v[j] * v[j];
            }
            for (int pass = 0; pass < 2; pass++) {
                for (double[] b : basis) {
                    double dot = 0;
                    for (int j = 0; j < d; j++) {
                        dot += v[j] * b[j];
                    }
                    for (int j = 0; j < d; j++) {
                        v[j] -= dot * b[j];
                    }
                }
            }
            double norm = 0;
            for (double t : v) {
                norm += t * t;
            }
            if (norm > 1e-18 && norm > 1e-12 * before) {
                norm = Math.sqrt(norm);
                for (int j = 0; j < d; j++) {
                    v[j] /= norm;
                }
                basis.add(v);
            }
        }
        return basis.toArray(new double[0][]);
    }

    /** The discriminant projection's rank: 0 for a space read from a file written before it existed. */
    public int discriminantRank() {
        return discriminantCentroids.length == 0 ? 0 : discriminant.length / dimension();
    }

    /**
     * Squared Mahalanobis distance to the nearest class mean inside the span of the class means only
     * (the discriminant subspace): the part of the distance that tells the classes apart.
     */
    public double nearestDiscriminantMahalanobis(float[] x) {
        int rank = discriminantRank();
        if (rank == 0) {
            throw new IllegalStateException("this model's oos-space.bin has no discriminant projection; retrain it");
        }
        float[] z = project(discriminant, rank, x);
        double best = Double.MAX_VALUE;
        for (float[] m : discriminantCentroids) {
            double sum = 0;
            for (int r = 0; r < rank; r++) {
                double diff = z[r] - m[r];
                sum += diff * diff;
            }
            best = Math.min(best, sum);
        }
        return best;
    }

    private static float[] project(float[] matrix, int rows, float[] x) {
        int d = x.length;
        float[] z = new float[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            int row = r * d;
            for (int j = 0; j < d; j++) {
                sum += matrix[row + j] * x[j];
            }
            z[r] = (float) sum;
        }
        return z;
    }

    /** Mean cosine similarity to the k most similar training vectors (Sun et al., 2022). */
    public double nearestNeighbours(float[] x) {
        int d = x.length;
        int n = neighbours.length / d;
        if (n == 0) {
            throw new IllegalStateException("the model kept no training vectors; fit the space with k > 0");
        }
        double xNorm = norm(x);
        float[] dots = new float[n];
        RowDots.get().dots(neighbours, x, dots);
        // The k best so far, smallest at [0]: k is small, so a sorted array beats a heap.
        double[] best = new double[k];
        java.util.Arrays.fill(best, -2);
        for (int i = 0; i < n; i++) {
            double sim = dots[i] / xNorm;
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
     * the training vectors, then int rank, the discriminant projection and the projected centroids
     * (absent in files written before it): big-endian floats.
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
            out.writeInt(discriminantRank());
            writeFloats(out, discriminant);
            for (float[] c : discriminantCentroids) {
                writeFloats(out, c);
            }
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
            float[] neighbours = readFloats(in, rows * d);
            int rank;
            try {
                rank = in.readInt();
            } catch (java.io.EOFException e) {
                // Written before the discriminant projection existed: every other signal still works.
                return new EmbeddingSpace(centroids, whitening, whitened, neighbours, k);
            }
            float[] discriminant = readFloats(in, rank * d);
            float[][] discriminantCentroids = new float[rank == 0 ? 0 : classes][];
            for (int c = 0; c < discriminantCentroids.length; c++) {
                discriminantCentroids[c] = readFloats(in, rank);
            }
            return new EmbeddingSpace(centroids, whitening, whitened, neighbours, k, discriminant, discriminantCentroids);
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

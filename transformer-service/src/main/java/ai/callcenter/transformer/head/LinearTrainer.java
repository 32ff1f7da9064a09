package ai.callcenter.transformer.head;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One-vs-rest liblinear training with the binary problems solved in parallel. liblinear's own
 * multi-class path runs them one after another on one core; they are independent, so a pool of
 * {@code threads} workers divides wall time by about the core count.
 */
public final class LinearTrainer {

    /** Which liblinear solver: L2-regularised logistic regression or L2-loss linear SVM. */
    public enum Solver {
        LR("lr", SolverType.L2R_LR),
        SVM("svm", SolverType.L2R_L2LOSS_SVC_DUAL);

        private final String id;
        private final SolverType type;

        Solver(String id, SolverType type) {
            this.id = id;
            this.type = type;
        }

        public String id() {
            return id;
        }
    }

    private final int threads;
    private final double epsilon;
    private final boolean standardize;

    /**
     * @param threads workers for the per-class problems
     * @param epsilon liblinear stopping tolerance
     * @param standardize z-score each dimension first; off keeps the encoder's unit-length geometry,
     *                    where every dimension is penalised alike
     */
    public LinearTrainer(int threads, double epsilon, boolean standardize) {
        this.threads = threads;
        this.epsilon = epsilon;
        this.standardize = standardize;
    }

    static {
        Linear.disableDebugOutput();
    }

    public LinearHead train(float[][] embeddings, int[] y, int classes, Solver solver, double c) {
        Standardizer standardizer = standardize ? Standardizer.fit(embeddings)
                : Standardizer.identity(embeddings[0].length);
        Feature[][] x = features(standardizer.applyAll(embeddings));
        int dim = embeddings[0].length;
        double[][] weights = new double[classes][];
        double[] bias = new double[classes];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int k = 0; k < classes; k++) {
                int positive = k;
                futures.add(pool.submit(() -> trainBinary(x, y, positive, dim, solver, c)));
            }
            for (int k = 0; k < classes; k++) {
                double[] wb = futures.get(k).get();
                weights[k] = java.util.Arrays.copyOf(wb, dim);
                bias[k] = wb[dim];
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("liblinear failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new LinearHead(solver.id(), standardizer, weights, bias);
    }

    /** Returns the weights followed by the bias, oriented so that a positive score means class {@code positive}. */
    private double[] trainBinary(Feature[][] x, int[] y, int positive, int dim, Solver solver, double c) {
        Problem problem = new Problem();
        problem.l = x.length;
        problem.n = dim + 1;
        problem.x = x;
        problem.bias = 1;
        problem.y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            problem.y[i] = y[i] == positive ? 1 : -1;
        }
        Model model = Linear.train(problem, new Parameter(solver.type, c, epsilon));
        double[] raw = model.getFeatureWeights();
        // liblinear orients the weights towards its first label, which is whichever class it met first.
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        double[] out = new double[dim + 1];
        for (int d = 0; d <= dim; d++) {
            out[d] = sign * raw[d];
        }
        return out;
    }

    /** Dense rows as liblinear features, with the bias term as the last feature. */
    private static Feature[][] features(double[][] rows) {
        Feature[][] x = new Feature[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            int dim = rows[i].length;
            Feature[] f = new Feature[dim + 1];
            for (int d = 0; d < dim; d++) {
                f[d] = new FeatureNode(d + 1, rows[i][d]);
            }
            f[dim] = new FeatureNode(dim + 1, 1.0);
            x[i] = f;
        }
        return x;
    }
}

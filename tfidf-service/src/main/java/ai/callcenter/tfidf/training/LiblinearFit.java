package ai.callcenter.tfidf.training;

import ai.callcenter.tfidf.features.SparseVector;
import ai.callcenter.tfidf.model.LinearModel;
import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.List;

/** Fits a linear SVM with liblinear and converts its weights to {@link LinearModel} layout. */
public final class LiblinearFit {

    /**
     * No intercept (liblinear's "bias < 0"). liblinear-java does not append the constant feature to
     * the rows itself, so the earlier "bias = 1" setting never learned one either; an intercept added
     * properly was measured neutral on validation (Banking77 0.9146 -> 0.9139, IT 0.8638 -> 0.8639):
     * every row is an L2-normalised TF-IDF vector, and the classes' scores are compared, not thresholded.
     * {@link LinearModel} keeps its bias row, all zeros, so model files stay in one format.
     */
    private static final double NO_BIAS = -1;

    static {
        Linear.disableDebugOutput();
    }

    private LiblinearFit() {
    }

    /** liblinear's input: 1-based feature indices, built once and reused for every C tried. */
    public record Design(Feature[][] rows, int features) {
        public static Design of(List<SparseVector> vectors, int features) {
            Feature[][] rows = new Feature[vectors.size()][];
            for (int r = 0; r < rows.length; r++) {
                SparseVector v = vectors.get(r);
                Feature[] row = new Feature[v.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = new FeatureNode(v.indices()[i] + 1, v.values()[i]);
                }
                rows[r] = row;
            }
            return new Design(rows, features);
        }
    }

    /**
     * @param y class index of every row, in {@code 0..classes-1}
     */
    public static LinearModel fit(Design design, int[] y, int classes, SolverType solver, double c, double epsilon) {
        Problem problem = new Problem();
        problem.l = design.rows().length;
        problem.n = design.features();
        problem.x = design.rows();
        problem.bias = NO_BIAS;
        problem.y = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            problem.y[i] = y[i];
        }
        Model model = Linear.train(problem, new Parameter(solver, c, epsilon));
        return toLinearModel(model, design.features(), classes);
    }

    private static LinearModel toLinearModel(Model model, int features, int classes) {
        double[] w = model.getFeatureWeights();
        int[] modelLabels = model.getLabels();
        int perRow = w.length / features;
        float[] weights = new float[(features + 1) * classes];
        for (int row = 0; row < features; row++) {
            if (perRow == 1) {
                // Binary problems give one weight vector: positive scores favour the first label.
                float value = (float) w[row];
                weights[row * classes + modelLabels[0]] = value;
                weights[row * classes + modelLabels[1]] = -value;
            } else {
                for (int j = 0; j < perRow; j++) {
                    weights[row * classes + modelLabels[j]] = (float) w[row * perRow + j];
                }
            }
        }
        return new LinearModel(features, classes, weights, 1.0);
    }
}

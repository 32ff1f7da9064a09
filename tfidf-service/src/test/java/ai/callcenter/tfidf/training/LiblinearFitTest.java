package ai.callcenter.tfidf.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.ml.model.Prediction;
import ai.callcenter.tfidf.features.SparseVector;
import ai.callcenter.tfidf.model.LinearModel;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiblinearFitTest {

    /** Class k lights up feature k (plus shared noise feature 3): separable, so every row must be right. */
    private static List<SparseVector> rows(int classes, int perClass, List<Integer> labels) {
        List<SparseVector> rows = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < perClass; i++) {
                rows.add(new SparseVector(new int[] {k, classes}, new float[] {1f, 0.5f}));
                labels.add(k);
            }
        }
        return rows;
    }

    @Test
    void multiClassSolversSeparateSeparableData() {
        for (SolverType solver : List.of(SolverType.MCSVM_CS, SolverType.L2R_L2LOSS_SVC_DUAL, SolverType.L2R_LR)) {
            List<Integer> labels = new ArrayList<>();
            List<SparseVector> x = rows(3, 10, labels);
            LinearModel model = LiblinearFit.fit(LiblinearFit.Design.of(x, 4), labels.stream().mapToInt(i -> i).toArray(), 3, solver, 1.0, 0.01);
            for (int i = 0; i < x.size(); i++) {
                assertThat(Prediction.argMax(model.scores(x.get(i)))).as(solver + " row " + i).isEqualTo(labels.get(i));
            }
        }
    }

    @Test
    void binaryProblemsKeepLabelOrientation() {
        // liblinear stores one weight vector for two classes; its sign must map to the right label
        // whichever label it saw first.
        for (int firstLabel : new int[] {0, 1}) {
            List<SparseVector> x = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int label = (i % 2 == 0) ? firstLabel : 1 - firstLabel;
                x.add(new SparseVector(new int[] {label}, new float[] {1f}));
                labels.add(label);
            }
            LinearModel model = LiblinearFit.fit(LiblinearFit.Design.of(x, 2), labels.stream().mapToInt(i -> i).toArray(), 2,
                    SolverType.L2R_L2LOSS_SVC_DUAL, 1.0, 0.01);
            assertThat(Prediction.argMax(model.scores(new SparseVector(new int[] {0}, new float[] {1f})))).isZero();
            assertThat(Prediction.argMax(model.scores(new SparseVector(new int[] {1}, new float[] {1f})))).isEqualTo(1);
        }
    }
}

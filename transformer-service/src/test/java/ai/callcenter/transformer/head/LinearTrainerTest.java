package ai.callcenter.transformer.head;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.common.model.Prediction;
import ai.callcenter.transformer.TestSupport;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearTrainerTest {

    private static final int DIM = 16;
    private static final int CLASSES = 4;

    /** Gaussian blobs around class-specific centres: linearly separable up to noise. */
    private static float[][] blobs(int n, int[] y, long seed) {
        Random centres = new Random(7);
        float[][] mu = new float[CLASSES][DIM];
        for (float[] c : mu) {
            for (int d = 0; d < DIM; d++) {
                c[d] = (float) centres.nextGaussian();
            }
        }
        Random random = new Random(seed);
        float[][] x = new float[n][DIM];
        for (int i = 0; i < n; i++) {
            y[i] = i % CLASSES;
            for (int d = 0; d < DIM; d++) {
                x[i][d] = mu[y[i]][d] + (float) (0.5 * random.nextGaussian());
            }
        }
        return x;
    }

    private static double accuracy(ClassificationHead head, float[][] x, int[] y) {
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            if (Prediction.argMax(head.scores(x[i])) == y[i]) {
                correct++;
            }
        }
        return (double) correct / x.length;
    }

    @Test
    void oneVsRestHeadsClassifyHeldOutBlobs() {
        int[] trainY = new int[400];
        float[][] trainX = blobs(400, trainY, 1);
        int[] testY = new int[200];
        float[][] testX = blobs(200, testY, 2);
        LinearTrainer trainer = new LinearTrainer(2, 0.01, true);
        for (LinearTrainer.Solver solver : LinearTrainer.Solver.values()) {
            LinearHead head = trainer.train(trainX, trainY, CLASSES, solver, 1.0);
            assertThat(head.kind()).isEqualTo(solver.id());
            assertThat(accuracy(head, testX, testY)).as(solver.id()).isGreaterThan(0.95);
        }
    }

    @Test
    void headsSurviveWriteAndRead() {
        int[] y = new int[200];
        float[][] x = blobs(200, y, 3);
        Path dir = TestSupport.tempRoot();
        LinearHead head = new LinearTrainer(2, 0.01, true).train(x, y, CLASSES, LinearTrainer.Solver.LR, 1.0);
        head.write(dir);
        LinearHead read = LinearHead.read(dir);
        assertThat(read.kind()).isEqualTo("lr");
        for (float[] row : x) {
            assertThat(read.scores(row)).containsExactly(head.scores(row));
        }
    }

    @Test
    void mlpHeadTrainsWithPyTorchAndServesInJava() {
        int[] trainY = new int[400];
        float[][] trainX = blobs(400, trainY, 4);
        int[] testY = new int[200];
        float[][] testX = blobs(200, testY, 5);
        MlpHead head = new MlpTrainer(new HeadProperties.MlpProperties(32, 20, 32, 1e-2, 0.1, 1e-4), 42)
                .train(trainX, trainY, CLASSES);
        assertThat(accuracy(head, testX, testY)).isGreaterThan(0.95);
        Path dir = TestSupport.tempRoot();
        head.write(dir);
        MlpHead read = MlpHead.read(dir);
        for (float[] row : testX) {
            assertThat(read.scores(row)).containsExactly(head.scores(row));
        }
    }
}

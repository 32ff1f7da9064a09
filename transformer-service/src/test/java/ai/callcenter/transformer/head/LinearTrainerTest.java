package ai.callcenter.transformer.head;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.ml.model.Prediction;
import ai.callcenter.testing.GaussianBlobs;
import ai.callcenter.transformer.TestSupport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LinearTrainerTest {

    private static final int DIM = 16;
    private static final int CLASSES = 4;

    private static float[][] blobs(int n, int[] y, long seed) {
        return GaussianBlobs.sample(n, y, seed, CLASSES, DIM);
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

}

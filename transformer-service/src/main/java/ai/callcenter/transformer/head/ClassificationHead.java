package ai.callcenter.transformer.head;

import java.nio.file.Path;

/** Maps a sentence vector to one raw score per class; calibration turns scores into probabilities. */
public interface ClassificationHead {

    /** Raw (uncalibrated) per-class scores. Thread-safe. */
    double[] scores(float[] embedding);

    /** e.g. {@code lr}, {@code svm}, {@code mlp}: which file format {@link #write} used. */
    String kind();

    void write(Path modelDir);
}

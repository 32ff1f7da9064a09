package ai.callcenter.ml.oos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingSpaceTest {

    /** Two classes in 2-d, class 0 around (0, 0) and class 1 around (10, 0), x spread 2, y spread 0.5. */
    private static float[][] points(int n, int[] y, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[i] = new float[] {(float) (10 * y[i] + 2 * random.nextGaussian()), (float) (0.5 * random.nextGaussian())};
        }
        return x;
    }

    @Test
    void mahalanobisWeighsEachDirectionByItsSpread() {
        int n = 4000;
        int[] y = new int[n];
        EmbeddingSpace space = EmbeddingSpace.fit(points(n, y, 1), y, 2, 0.0);
        // Shared covariance ~ diag(4, 0.25): one unit off in y costs as much as four in x.
        assertThat(space.nearestMahalanobis(new float[] {0, 1})).isCloseTo(4.0, within(0.3));
        assertThat(space.nearestMahalanobis(new float[] {4, 0})).isCloseTo(4.0, within(0.3));
        assertThat(space.nearestMahalanobis(new float[] {10, 0})).isCloseTo(0.0, within(0.05));
    }

    @Test
    void discriminantMahalanobisIgnoresDirectionsTheClassMeansDoNotSpan() {
        // Two classes 10 apart in x; y and z are noise with the same spread in both classes.
        int n = 4000;
        int[] y = new int[n];
        Random random = new Random(3);
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[i] = new float[] {(float) (10 * y[i] + 2 * random.nextGaussian()), (float) random.nextGaussian(),
                (float) random.nextGaussian()};
        }
        EmbeddingSpace space = EmbeddingSpace.fit(x, y, 2, 0.0);
        assertThat(space.discriminantRank()).isEqualTo(1);
        // Far off in z: the full distance sees it (6^2 = 36), the discriminant one only the x offset from a mean.
        assertThat(space.nearestMahalanobis(new float[] {0, 0, 6})).isCloseTo(36.0, within(3.0));
        assertThat(space.nearestDiscriminantMahalanobis(new float[] {0, 0, 6})).isCloseTo(0.0, within(0.05));
        // Halfway between the means: 5 / 2 = 2.5 standard deviations in x from either, 6.25 in both distances.
        assertThat(space.nearestDiscriminantMahalanobis(new float[] {5, 0, 0})).isCloseTo(6.25, within(0.6));
        assertThat(space.nearestMahalanobis(new float[] {5, 0, 0})).isCloseTo(6.25, within(0.6));
    }

    @Test
    void aSpaceFileWrittenBeforeTheDiscriminantProjectionStillReads(@TempDir Path dir) throws Exception {
        int n = 400;
        int[] y = new int[n];
        EmbeddingSpace space = EmbeddingSpace.fit(points(n, y, 4), y, 2, 0.1, 3);
        Path file = dir.resolve(ScopeModel.SPACE_FILE);
        space.write(file);
        EmbeddingSpace read = EmbeddingSpace.read(file);
        float[] probe = {4, 1};
        assertThat(read.discriminantRank()).isEqualTo(1);
        assertThat(read.nearestDiscriminantMahalanobis(probe)).isEqualTo(space.nearestDiscriminantMahalanobis(probe));
        assertThat(read.nearestNeighbours(probe)).isEqualTo(space.nearestNeighbours(probe));

        // The old layout ends after the training vectors: cut the rank, projection and projected centroids.
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        int trailer = 4 + 4 * (2 + 2);
        java.nio.file.Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - trailer));
        EmbeddingSpace old = EmbeddingSpace.read(file);
        assertThat(old.discriminantRank()).isZero();
        assertThat(old.nearestNeighbours(probe)).isEqualTo(space.nearestNeighbours(probe));
        assertThat(old.nearestMahalanobis(probe)).isEqualTo(space.nearestMahalanobis(probe));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> old.nearestDiscriminantMahalanobis(probe))
                .hasMessageContaining("retrain");
    }

    @Test
    void choleskyWhiteningInvertsTheCovariance() {
        double[] a = {4, 0, 2, 3};   // lower triangle of [[4, 2], [2, 3]]
        double[] l = EmbeddingSpace.cholesky(a, 2);
        assertThat(l[0]).isCloseTo(2, within(1e-12));
        assertThat(l[2]).isCloseTo(1, within(1e-12));
        assertThat(l[3]).isCloseTo(Math.sqrt(2), within(1e-12));
        double[] inv = EmbeddingSpace.invertLower(l, 2);
        // L * L^-1 = I
        assertThat(l[2] * inv[0] + l[3] * inv[2]).isCloseTo(0, within(1e-12));
        assertThat(l[3] * inv[3]).isCloseTo(1, within(1e-12));
    }

    @Test
    void cosineIsOneOnAClassMean() {
        int[] y = {0, 0, 1, 1};
        float[][] x = {{1, 0}, {1, 0.2f}, {0, 1}, {0.2f, 1}};
        EmbeddingSpace space = EmbeddingSpace.fit(x, y, 2, 0.1);
        assertThat(space.nearestCosine(new float[] {2, 0.2f})).isCloseTo(1.0, within(1e-6));
        assertThat(space.nearestCosine(new float[] {-1, -1})).isLessThan(0);
    }

    @Test
    void scopeModelRoundTripsThroughTheModelDirectory(@TempDir Path dir) {
        int n = 400;
        int[] y = new int[n];
        float[][] x = points(n, y, 2);
        EmbeddingSpace space = EmbeddingSpace.fit(x, y, 2, 0.1);
        List<OosInput> validation = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            validation.add(new OosInput(new double[] {x[i][0], -x[i][0]}, 1, x[i], null));
        }
        ScopeModel scope = ScopeModel.fit(new OosSettings("mahalanobis", List.of("msp", "mahalanobis+energy"), 0.95, 0.1, 5),
                validation, space);
        scope.write(dir);
        ScopeModel read = ScopeModel.read(dir).orElseThrow();
        assertThat(read.served()).isEqualTo("mahalanobis");
        assertThat(read.detectors().keySet()).containsExactlyInAnyOrder("mahalanobis", "msp", "mahalanobis+energy");
        OosInput far = new OosInput(new double[] {0, 0}, 1, new float[] {5, 6}, null);
        assertThat(read.judge(far)).isEqualTo(scope.judge(far));
        assertThat(read.judge(far).outOfScope()).isTrue();
        Map<String, ScopeModel.Verdict> all = read.judgeAll(far);
        assertThat(all).hasSize(3);
    }

    @Test
    void aDirectoryWithoutADetectorHasNone(@TempDir Path dir) {
        assertThat(ScopeModel.read(dir)).isEqualTo(Optional.empty());
    }
}

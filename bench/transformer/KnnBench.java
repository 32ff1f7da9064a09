import ai.callcenter.ml.oos.EmbeddingSpace;
import java.util.Random;

/**
 * Time of the kNN out-of-scope signal's scan per ticket, in-process: random unit-free vectors of the given count and
 * width, 200 warm-up queries, then the mean over 300. Run by bench/transformer/knn.sh with and without the Vector
 * API module.
 */
public class KnnBench {
    public static void main(String[] args) {
        int rows = Integer.parseInt(args[0]);
        int width = Integer.parseInt(args[1]);
        Random random = new Random(1);
        float[] kept = new float[rows * width];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = (float) random.nextGaussian();
        }
        EmbeddingSpace space = new EmbeddingSpace(new float[1][width], new float[0], new float[0][], kept, 5);
        float[] query = new float[width];
        for (int j = 0; j < width; j++) {
            query[j] = (float) random.nextGaussian();
        }
        double sink = 0;
        for (int i = 0; i < 200; i++) {
            sink += space.nearestNeighbours(query);
        }
        int queries = 300;
        long started = System.nanoTime();
        for (int i = 0; i < queries; i++) {
            query[i % width] += 0.01f;
            sink += space.nearestNeighbours(query);
        }
        System.out.printf("{\"rows\":%d,\"width\":%d,\"ms_per_query\":%.2f,\"checksum\":%.3f}%n", rows, width,
                (System.nanoTime() - started) / 1e6 / queries, sink);
    }
}

package ai.callcenter.transformer.head;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One hidden ReLU layer over standardised embeddings. Trained with DJL's PyTorch engine; the forward
 * pass here is plain Java so serving needs no PyTorch native library.
 */
public final class MlpHead implements ClassificationHead {

    public static final String KIND = "mlp";
    public static final String FILE = "head-mlp.bin";
    private static final int FORMAT = 1;

    private final Standardizer standardizer;
    private final float[][] w1; // [hidden][dim]
    private final float[] b1;
    private final float[][] w2; // [classes][hidden]
    private final float[] b2;

    public MlpHead(Standardizer standardizer, float[][] w1, float[] b1, float[][] w2, float[] b2) {
        this.standardizer = standardizer;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    @Override
    public double[] scores(float[] embedding) {
        double[] x = standardizer.apply(embedding);
        double[] h = new double[w1.length];
        for (int j = 0; j < w1.length; j++) {
            double sum = b1[j];
            float[] w = w1[j];
            for (int d = 0; d < x.length; d++) {
                sum += w[d] * x[d];
            }
            h[j] = Math.max(0, sum);
        }
        double[] s = new double[w2.length];
        for (int k = 0; k < w2.length; k++) {
            double sum = b2[k];
            float[] w = w2[k];
            for (int j = 0; j < h.length; j++) {
                sum += w[j] * h[j];
            }
            s[k] = sum;
        }
        return s;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void write(Path modelDir) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(modelDir.resolve(FILE))))) {
            out.writeInt(FORMAT);
            int dim = standardizer.mean().length;
            out.writeInt(dim);
            out.writeInt(w1.length);
            out.writeInt(w2.length);
            for (double v : standardizer.mean()) {
                out.writeDouble(v);
            }
            for (double v : standardizer.scale()) {
                out.writeDouble(v);
            }
            for (float[] row : w1) {
                writeArray(out, row);
            }
            writeArray(out, b1);
            for (float[] row : w2) {
                writeArray(out, row);
            }
            writeArray(out, b2);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE, e);
        }
    }

    public static MlpHead read(Path modelDir) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(modelDir.resolve(FILE))))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException("unsupported head format " + format);
            }
            int dim = in.readInt();
            int hidden = in.readInt();
            int classes = in.readInt();
            double[] mean = new double[dim];
            double[] scale = new double[dim];
            for (int d = 0; d < dim; d++) {
                mean[d] = in.readDouble();
            }
            for (int d = 0; d < dim; d++) {
                scale[d] = in.readDouble();
            }
            float[][] w1 = new float[hidden][];
            for (int j = 0; j < hidden; j++) {
                w1[j] = readArray(in, dim);
            }
            float[] b1 = readArray(in, hidden);
            float[][] w2 = new float[classes][];
            for (int k = 0; k < classes; k++) {
                w2[k] = readArray(in, hidden);
            }
            return new MlpHead(new Standardizer(mean, scale), w1, b1, w2, readArray(in, classes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelDir.resolve(FILE), e);
        }
    }

    private static void writeArray(DataOutputStream out, float[] values) throws IOException {
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readArray(DataInputStream in, int n) throws IOException {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}

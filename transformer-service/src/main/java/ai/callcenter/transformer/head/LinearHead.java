package ai.callcenter.transformer.head;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One weight vector and bias per class over standardised embeddings (one-vs-rest LR or SVM). */
public final class LinearHead implements ClassificationHead {

    public static final String FILE = "head-linear.bin";
    private static final int FORMAT = 1;

    private final String kind;
    private final Standardizer standardizer;
    private final double[][] weights;
    private final double[] bias;

    public LinearHead(String kind, Standardizer standardizer, double[][] weights, double[] bias) {
        this.kind = kind;
        this.standardizer = standardizer;
        this.weights = weights;
        this.bias = bias;
    }

    @Override
    public double[] scores(float[] embedding) {
        double[] x = standardizer.apply(embedding);
        double[] s = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            double[] w = weights[k];
            double sum = bias[k];
            for (int d = 0; d < x.length; d++) {
                sum += w[d] * x[d];
            }
            s[k] = sum;
        }
        return s;
    }

    @Override
    public String kind() {
        return kind;
    }

    public int classes() {
        return weights.length;
    }

    @Override
    public void write(Path modelDir) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(modelDir.resolve(FILE))))) {
            out.writeInt(FORMAT);
            out.writeUTF(kind);
            int dim = standardizer.mean().length;
            out.writeInt(weights.length);
            out.writeInt(dim);
            writeArray(out, standardizer.mean());
            writeArray(out, standardizer.scale());
            for (double[] w : weights) {
                writeArray(out, w);
            }
            writeArray(out, bias);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE, e);
        }
    }

    public static LinearHead read(Path modelDir) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(modelDir.resolve(FILE))))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException("unsupported head format " + format);
            }
            String kind = in.readUTF();
            int classes = in.readInt();
            int dim = in.readInt();
            Standardizer standardizer = new Standardizer(readArray(in, dim), readArray(in, dim));
            double[][] weights = new double[classes][];
            for (int k = 0; k < classes; k++) {
                weights[k] = readArray(in, dim);
            }
            return new LinearHead(kind, standardizer, weights, readArray(in, classes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelDir.resolve(FILE), e);
        }
    }

    private static void writeArray(DataOutputStream out, double[] values) throws IOException {
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readArray(DataInputStream in, int n) throws IOException {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}

package ai.callcenter.transformer.encoder.usem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the arrays of a numpy {@code .npz} (a zip of {@code .npy} files): little-endian float32,
 * float64 and uint8/int8, C order, format 1.0-3.0 headers. That is all {@code weights.npz} holds, so
 * no library is pulled in for it.
 */
final class Npz implements AutoCloseable {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** One array: its dtype, shape and raw little-endian bytes. */
    record Array(String dtype, int[] shape, byte[] data) {

        int size() {
            return Arrays.stream(shape).reduce(1, Math::multiplyExact);
        }

        float[] floats() {
            float[] out = new float[size()];
            ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            switch (dtype) {
                case "<f4" -> buffer.asFloatBuffer().get(out);
                case "<f8" -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = (float) buffer.getDouble();
                    }
                }
                default -> throw new IllegalArgumentException("not a float array: " + dtype);
            }
            return out;
        }

        double scalar() {
            if (size() != 1) {
                throw new IllegalArgumentException("not a scalar: shape " + Arrays.toString(shape));
            }
            ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            return switch (dtype) {
                case "<f8" -> buffer.getDouble();
                case "<f4" -> buffer.getFloat();
                default -> throw new IllegalArgumentException("not a float scalar: " + dtype);
            };
        }
    }

    private final Path file;
    private final ZipFile zip;

    Npz(Path file) {
        this.file = file;
        try {
            this.zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    Array get(String name) {
        ZipEntry entry = zip.getEntry(name + ".npy");
        if (entry == null) {
            throw new IllegalArgumentException(file + " has no array '" + name + "'");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from " + file, e);
        }
    }

    /** Checks the shape too: a weights file from another model version must not load silently. */
    float[] floats(String name, int... shape) {
        Array array = get(name);
        if (!Arrays.equals(array.shape(), shape)) {
            throw new IllegalArgumentException(file + ": " + name + " has shape " + Arrays.toString(array.shape())
                    + ", expected " + Arrays.toString(shape));
        }
        return array.floats();
    }

    private Array read(InputStream in, String name) throws IOException {
        byte[] prefix = in.readNBytes(MAGIC.length + 2);
        if (prefix.length < MAGIC.length + 2 || !Arrays.equals(prefix, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException(name + " is not a .npy array");
        }
        int major = prefix[MAGIC.length];
        int headerLengthBytes = major == 1 ? 2 : 4;
        ByteBuffer lengthBuffer = ByteBuffer.wrap(in.readNBytes(headerLengthBytes)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? Short.toUnsignedInt(lengthBuffer.getShort()) : lengthBuffer.getInt();
        String header = new String(in.readNBytes(headerLength), major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String dtype = group(DESCR, header, name);
        if ("True".equals(group(FORTRAN, header, name))) {
            throw new IOException(name + " is in Fortran order; only C order is read");
        }
        String dims = group(SHAPE, header, name).trim();
        int[] shape = dims.isEmpty() ? new int[0] : Arrays.stream(dims.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        byte[] data = in.readAllBytes();
        int itemSize = Integer.parseInt(dtype.substring(2));
        Array array = new Array(dtype.replace('|', '<'), shape, data);
        if (data.length != (long) array.size() * itemSize) {
            throw new IOException(name + " holds " + data.length + " bytes, expected " + array.size() * itemSize);
        }
        return array;
    }

    private static String group(Pattern pattern, String header, String name) throws IOException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IOException(name + ": unreadable .npy header " + header);
        }
        return m.group(1);
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package ai.callcenter.transformer.encoder;

import ai.callcenter.ml.training.Progress;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Disk cache of sentence vectors for training, so a hyper-parameter search or a second run on the
 * same data does not pay minutes of encoding again. One append-only file per encoder fingerprint;
 * each record is the SHA-256 of the text followed by the vector. A truncated last record (a run
 * killed mid-write) is ignored.
 */
public final class EmbeddingCache {

    private static final int KEY_BYTES = 32;
    private static final int CHUNK = 256;

    private final SentenceEncoder encoder;
    private final Path file;

    public EmbeddingCache(SentenceEncoder encoder, Path directory) {
        this.encoder = encoder;
        this.file = directory.resolve(encoder.fingerprint() + ".emb");
    }

    /** Like {@link #encodeAll} for a possibly concatenated encoder: each part keeps its own cache file. */
    public static float[][] encodeAll(SentenceEncoder encoder, Path directory, List<String> texts, Progress progress) {
        List<float[][]> vectors = new ArrayList<>();
        for (SentenceEncoder part : encoder.parts()) {
            vectors.add(new EmbeddingCache(part, directory).encodeAll(texts, progress));
        }
        return ConcatSentenceEncoder.concat(vectors);
    }

    public Path file() {
        return file;
    }

    /** Vectors for all texts in order: cached ones are read, the rest encoded and appended. */
    public float[][] encodeAll(List<String> texts, Progress progress) {
        int dim = encoder.dimension();
        Map<ByteBuffer, float[]> stored = read(dim);
        float[][] out = new float[texts.size()][];
        List<Integer> missing = new ArrayList<>();
        Map<ByteBuffer, Integer> firstMissing = new HashMap<>();
        ByteBuffer[] keys = new ByteBuffer[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            keys[i] = key(texts.get(i));
            float[] v = stored.get(keys[i]);
            if (v != null) {
                out[i] = v;
            } else if (firstMissing.putIfAbsent(keys[i], i) == null) {
                missing.add(i);
            }
        }
        progress.step("embedding cache " + file + ": " + (texts.size() - missing.size()) + " of " + texts.size()
                + " texts cached, encoding " + missing.size());
        if (!missing.isEmpty()) {
            encodeMissing(texts, missing, keys, out, dim, progress);
        }
        for (int i = 0; i < texts.size(); i++) {
            if (out[i] == null) {
                out[i] = out[firstMissing.get(keys[i])];
            }
        }
        return out;
    }

    private void encodeMissing(List<String> texts, List<Integer> missing, ByteBuffer[] keys, float[][] out,
                               int dim, Progress progress) {
        // Encode longest-similar texts together across the whole job, not just inside a chunk.
        missing.sort((a, b) -> Integer.compare(texts.get(a).length(), texts.get(b).length()));
        progress.start("encoding", missing.size());
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream data = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
                for (int from = 0; from < missing.size(); from += CHUNK) {
                    List<Integer> chunk = missing.subList(from, Math.min(missing.size(), from + CHUNK));
                    float[][] vectors = encoder.encode(chunk.stream().map(texts::get).toList());
                    for (int j = 0; j < chunk.size(); j++) {
                        int i = chunk.get(j);
                        out[i] = vectors[j];
                        data.write(keys[i].array());
                        for (int d = 0; d < dim; d++) {
                            data.writeFloat(vectors[j][d]);
                        }
                    }
                    data.flush();
                    progress.update(from + chunk.size());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embedding cache " + file, e);
        }
        progress.finish();
    }

    private Map<ByteBuffer, float[]> read(int dim) {
        Map<ByteBuffer, float[]> stored = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return stored;
        }
        try (DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                byte[] key = new byte[KEY_BYTES];
                float[] v = new float[dim];
                try {
                    data.readFully(key);
                    for (int d = 0; d < dim; d++) {
                        v[d] = data.readFloat();
                    }
                } catch (EOFException end) {
                    break;
                }
                stored.put(ByteBuffer.wrap(key), v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedding cache " + file, e);
        }
        return stored;
    }

    private static ByteBuffer key(String text) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

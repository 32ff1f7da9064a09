package ai.callcenter.transformer.encoder;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs an ONNX sentence encoder through DJL's OnnxRuntime engine with the HuggingFace tokenizer,
 * feeding real [batch, tokens] tensors. Texts are sorted by length before batching so a batch pads
 * to similar lengths instead of to its longest outlier.
 */
public final class OnnxSentenceEncoder implements SentenceEncoder {

    private static final String ENGINE = "OnnxRuntime";

    private final EncoderFiles files;
    private final int maxTokens;
    private final int batchSize;
    private final HuggingFaceTokenizer tokenizer;
    private final Session session;
    /** One intra-op thread, for running beside another encoder; null when not asked for. */
    private final Session singleThreadSession;
    private final int dimension;

    /** One loaded ONNX session (intra-op threads are fixed per session) and its predictor. */
    private record Session(Model model, Predictor<Encoding[], float[][]> predictor) {

        void close() {
            predictor.close();
            model.close();
        }
    }

    public OnnxSentenceEncoder(EncoderFiles files, EncoderProperties properties) {
        this(files, properties, false);
    }

    /**
     * @param withSingleThreadSession also load a one-thread session for {@link #encodeOnOneThread},
     *                                so that the parts of a joined encoder can run at the same time
     */
    public OnnxSentenceEncoder(EncoderFiles files, EncoderProperties properties, boolean withSingleThreadSession) {
        this.files = files;
        this.maxTokens = properties.maxTokens();
        this.batchSize = properties.batchSize();
        int threads = properties.threads() > 0 ? properties.threads() : Runtime.getRuntime().availableProcessors();
        try {
            // Padding to the longest text of the batch, not to a fixed length some tokenizer.json files carry.
            this.tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(files.tokenizer())
                    .optMaxLength(maxTokens)
                    .optTruncation(true)
                    .optPadding(true)
                    .optAddSpecialTokens(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load encoder " + files.source(), e);
        }
        this.session = load(files, threads);
        this.singleThreadSession = withSingleThreadSession && threads > 1 ? load(files, 1) : null;
        this.dimension = probeDimension();
    }

    private static Session load(EncoderFiles files, int threads) {
        try {
            Model model = Model.newInstance(files.source(), Device.cpu(), ENGINE);
            model.load(files.model(), null, Map.of("sessionOptions", sessionOptions(threads)));
            return new Session(model, model.newPredictor(new PoolingTranslator(files.pooling())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load encoder " + files.source(), e);
        } catch (MalformedModelException | OrtException e) {
            throw new IllegalArgumentException("cannot load encoder " + files.source() + ": " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions sessionOptions(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        // Requests are already serialised into batches; parallel graphs would only fight for cores.
        options.setInterOpNumThreads(1);
        // ONNX Runtime's workers busy-wait after each run by default. With two encoders (or Tomcat
        // threads) sharing two cores, the idle session's spinning steals the cores the busy one
        // needs: measured 28 ms per single request with spinning, far less without.
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    private int probeDimension() {
        return run(List.of("dimension probe"), session)[0].length;
    }

    @Override
    public float[][] encode(List<String> texts) {
        return encode(texts, session);
    }

    /**
     * As {@link #encode}, on the single-threaded session when this encoder has one (else on the
     * usual one): the same vectors up to float rounding, leaving the other core to another encoder.
     */
    public float[][] encodeOnOneThread(List<String> texts) {
        return encode(texts, singleThreadSession != null ? singleThreadSession : session);
    }

    public boolean hasSingleThreadSession() {
        return singleThreadSession != null;
    }

    private float[][] encode(List<String> texts, Session on) {
        int n = texts.size();
        float[][] out = new float[n][];
        if (n == 0) {
            return out;
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            List<String> chunk = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                chunk.add(texts.get(order[k]));
            }
            float[][] vectors = run(chunk, on);
            for (int k = from; k < to; k++) {
                out[order[k]] = vectors[k - from];
            }
        }
        return out;
    }

    private float[][] run(List<String> chunk, Session on) {
        Encoding[] encodings = tokenizer.batchEncode(chunk);
        synchronized (on.predictor()) {
            try {
                return on.predictor().predict(encodings);
            } catch (TranslateException e) {
                throw new IllegalStateException("encoder " + files.source() + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String fingerprint() {
        return files.modelSha256().substring(0, 16) + "-" + files.pooling().name().toLowerCase() + "-" + maxTokens;
    }

    public EncoderFiles files() {
        return files;
    }

    @Override
    public void close() {
        session.close();
        if (singleThreadSession != null) {
            singleThreadSession.close();
        }
        tokenizer.close();
    }

    /** Builds input_ids / attention_mask / token_type_ids tensors and pools the last hidden state. */
    private static final class PoolingTranslator implements NoBatchifyTranslator<Encoding[], float[][]> {

        private final Pooling pooling;

        PoolingTranslator(Pooling pooling) {
            this.pooling = pooling;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, Encoding[] batch) {
            int rows = batch.length;
            int cols = batch[0].getIds().length;
            long[] ids = new long[rows * cols];
            long[] mask = new long[rows * cols];
            long[] types = new long[rows * cols];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(batch[r].getIds(), 0, ids, r * cols, cols);
                System.arraycopy(batch[r].getAttentionMask(), 0, mask, r * cols, cols);
                System.arraycopy(batch[r].getTypeIds(), 0, types, r * cols, cols);
            }
            NDManager manager = ctx.getNDManager();
            Shape shape = new Shape(rows, cols);
            NDArray inputIds = manager.create(ids, shape);
            inputIds.setName("input_ids");
            NDArray attention = manager.create(mask, shape);
            attention.setName("attention_mask");
            NDArray typeIds = manager.create(types, shape);
            typeIds.setName("token_type_ids");
            ctx.setAttachment("mask", mask);
            ctx.setAttachment("cols", cols);
            return new NDList(inputIds, attention, typeIds);
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            NDArray hidden = list.get(0);
            Shape shape = hidden.getShape();
            int rows = (int) shape.get(0);
            int cols = (int) shape.get(1);
            int dim = (int) shape.get(2);
            float[] data = hidden.toFloatArray();
            long[] mask = (long[]) ctx.getAttachment("mask");
            float[][] out = new float[rows][dim];
            for (int r = 0; r < rows; r++) {
                float[] v = out[r];
                int base = r * cols * dim;
                if (pooling == Pooling.CLS) {
                    System.arraycopy(data, base, v, 0, dim);
                } else {
                    int tokens = 0;
                    for (int t = 0; t < cols; t++) {
                        if (mask[r * cols + t] != 0) {
                            tokens++;
                            int offset = base + t * dim;
                            for (int d = 0; d < dim; d++) {
                                v[d] += data[offset + d];
                            }
                        }
                    }
                    for (int d = 0; d < dim; d++) {
                        v[d] /= Math.max(1, tokens);
                    }
                }
                normalize(v);
            }
            return out;
        }

        private static void normalize(float[] v) {
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
            for (int d = 0; d < v.length; d++) {
                v[d] *= scale;
            }
        }
    }

    /** For diagnostics: the options this encoder was built with. */
    public Map<String, Object> describe() {
        return Map.of("source", files.source(), "pooling", files.pooling().name().toLowerCase(),
                "max_tokens", maxTokens, "batch_size", batchSize, "dimension", dimension,
                "model_sha256", files.modelSha256());
    }
}

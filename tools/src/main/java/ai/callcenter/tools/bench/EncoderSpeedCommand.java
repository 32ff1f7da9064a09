package ai.callcenter.tools.bench;

import ai.callcenter.ml.dataset.CsvDatasetReader;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import ai.callcenter.transformer.encoder.EncoderFiles;
import ai.callcenter.transformer.encoder.EncoderProperties;
import ai.callcenter.transformer.encoder.OnnxSentenceEncoder;
import ai.callcenter.transformer.encoder.Pooling;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Encoding speed of one shipped encoder, batched and one text at a time. */
@Command(name = "encoder-speed", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "Milliseconds per text of a shipped encoder, batched and one at a time.",
        footer = {"", "Example:",
                "  callcenter bench encoder-speed --encoder bge-small-en-v15-q --data ../shared/data/banking77/test.csv \\",
                "      --text-col text --label-col category --texts 1000 --batch 32"})
public final class EncoderSpeedCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--encoder", required = true, description = "a shipped encoder, e.g. bge-small-en-v15-q")
    String encoder;

    @Option(names = "--data", required = true, paramLabel = "TICKETS.csv", description = "texts to encode")
    Path data;

    @Option(names = "--texts", defaultValue = "1000", description = "texts encoded in batches (default: ${DEFAULT-VALUE})")
    int texts;

    @Option(names = "--batch", defaultValue = "32", description = "texts per encoder call (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--max-tokens", defaultValue = "256", description = "(default: ${DEFAULT-VALUE})")
    int maxTokens;

    /** Warm-up texts, and the most texts timed one at a time. */
    private static final int WARMUP_TEXTS = 64;
    private static final int SINGLE_TEXTS = 200;

    private final Console console;

    public EncoderSpeedCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        List<String> all = CsvDatasetReader.read(data, columns.text, columns.label).texts();
        int n = Math.min(texts, all.size());
        EncoderProperties props = new EncoderProperties(encoder, "", Pooling.MEAN, maxTokens, batch, 0, 0,
                System.getProperty("java.io.tmpdir") + "/callcenter-encoders");
        try (OnnxSentenceEncoder onnx = new OnnxSentenceEncoder(EncoderFiles.resolve(props), props)) {
            List<String> sample = all.subList(0, n);
            onnx.encode(sample.subList(0, Math.min(WARMUP_TEXTS, n)));
            long started = System.nanoTime();
            onnx.encode(sample);
            double batched = (System.nanoTime() - started) / 1e6 / n;
            int single = Math.min(n, SINGLE_TEXTS);
            started = System.nanoTime();
            for (String text : sample.subList(0, single)) {
                onnx.encode(List.of(text));
            }
            double oneByOne = (System.nanoTime() - started) / 1e6 / single;
            console.out().printf("%s dim=%d batch=%d maxTokens=%d: batched %.2f ms/text, one-by-one %.2f ms/text%n",
                    encoder, onnx.dimension(), batch, maxTokens, batched, oneByOne);
        }
        return 0;
    }
}

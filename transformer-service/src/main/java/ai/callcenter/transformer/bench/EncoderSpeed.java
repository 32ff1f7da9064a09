package ai.callcenter.transformer.bench;

import ai.callcenter.common.dataset.CsvDatasetReader;
import ai.callcenter.common.dataset.Dataset;
import ai.callcenter.transformer.encoder.EncoderFiles;
import ai.callcenter.transformer.encoder.EncoderProperties;
import ai.callcenter.transformer.encoder.OnnxSentenceEncoder;
import ai.callcenter.transformer.encoder.Pooling;
import java.nio.file.Path;
import java.util.List;

/** Encoding speed, batched vs one at a time: {@code EncoderSpeed <encoder> <csv> <text-col> <label-col> <n> <batch>}. */
public final class EncoderSpeed {
    public static void main(String[] args) {
        String name = args[0];
        Dataset data = CsvDatasetReader.read(Path.of(args[1]), args[2], args[3]);
        int n = Integer.parseInt(args[4]);
        int batch = Integer.parseInt(args[5]);
        int maxTokens = args.length > 6 ? Integer.parseInt(args[6]) : 256;
        EncoderProperties props = new EncoderProperties(name, "", Pooling.MEAN, maxTokens, batch, 0, 0,
                System.getProperty("java.io.tmpdir") + "/callcenter-encoders");
        try (OnnxSentenceEncoder encoder = new OnnxSentenceEncoder(EncoderFiles.resolve(props), props)) {
            List<String> texts = data.texts().subList(0, n);
            encoder.encode(texts.subList(0, Math.min(64, n)));
            long t0 = System.nanoTime();
            encoder.encode(texts);
            double batched = (System.nanoTime() - t0) / 1e6 / n;
            t0 = System.nanoTime();
            int single = Math.min(n, 200);
            for (String text : texts.subList(0, single)) {
                encoder.encode(List.of(text));
            }
            double oneByOne = (System.nanoTime() - t0) / 1e6 / single;
            System.out.printf("%s dim=%d batch=%d maxTokens=%d: batched %.2f ms/text, one-by-one %.2f ms/text%n",
                    name, encoder.dimension(), batch, maxTokens, batched, oneByOne);
        }
    }
}

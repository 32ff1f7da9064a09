package ai.callcenter.tools.data;

import ai.callcenter.ml.dataset.LabeledText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes labelled tickets as {@code text,label} CSV, the columns every command reads by default. */
final class LabeledCsv {

    private LabeledCsv() {
    }

    static void write(List<LabeledText> rows, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("text", "label").get())) {
                for (LabeledText r : rows) {
                    csv.printRecord(r.text(), r.label());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

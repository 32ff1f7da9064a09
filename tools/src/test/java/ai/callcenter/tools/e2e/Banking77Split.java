package ai.callcenter.tools.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A small Banking77 split for the end-to-end tests: the first {@link #CLASSES} categories, a few examples each,
 * written as raw-train.csv, raw-val.csv and raw-test.csv ({@code text,label}). Few classes and examples keep
 * training to seconds while the models stay clearly better than chance.
 */
final class Banking77Split {

    static final int CLASSES = 8;
    static final int TRAIN_PER_CLASS = 40;
    static final int VALIDATION_PER_CLASS = 15;
    static final int TEST_PER_CLASS = 10;

    private Banking77Split() {
    }

    /** Writes the three files into {@code into}; returns the test rows ({text, label}). */
    static List<String[]> write(Path source, Path into) throws IOException {
        Map<String, List<String>> byLabel = new LinkedHashMap<>();
        try (CSVParser csv = CSVParser.parse(source, StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord r : csv) {
                List<String> texts = byLabel.computeIfAbsent(r.get("category"), k -> new ArrayList<>());
                if (byLabel.size() <= CLASSES) {
                    texts.add(r.get("text"));
                }
            }
        }
        List<String[]> train = new ArrayList<>();
        List<String[]> validation = new ArrayList<>();
        List<String[]> test = new ArrayList<>();
        byLabel.entrySet().stream().limit(CLASSES).forEach(e -> {
            List<String> t = e.getValue();
            for (int i = 0; i < TRAIN_PER_CLASS + VALIDATION_PER_CLASS + TEST_PER_CLASS && i < t.size(); i++) {
                String[] row = {t.get(i), e.getKey()};
                (i < TRAIN_PER_CLASS ? train : i < TRAIN_PER_CLASS + VALIDATION_PER_CLASS ? validation : test).add(row);
            }
        });
        csv(into.resolve("raw-train.csv"), train);
        csv(into.resolve("raw-val.csv"), validation);
        csv(into.resolve("raw-test.csv"), test);
        return test;
    }

    private static void csv(Path file, List<String[]> rows) throws IOException {
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(file), CSVFormat.DEFAULT.builder().setHeader("text", "label").get())) {
            for (String[] r : rows) {
                p.printRecord((Object[]) r);
            }
        }
    }
}

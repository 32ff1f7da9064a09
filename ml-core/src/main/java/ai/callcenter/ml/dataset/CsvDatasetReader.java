package ai.callcenter.ml.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a labelled CSV with a header row through a real CSV parser, because quoted fields may
 * contain commas and line breaks (Banking77 has some).
 */
public final class CsvDatasetReader {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(false)
            .setTrim(false)
            .get();

    private CsvDatasetReader() {
    }

    public static Dataset read(Path file, String textColumn, String labelColumn) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("data file not found: " + file);
        }
        MessageDigest sha256 = sha256();
        List<LabeledText> examples = new ArrayList<>();
        int skipped = 0;
        try (InputStream raw = Files.newInputStream(file);
             DigestInputStream digesting = new DigestInputStream(raw, sha256);
             Reader reader = new InputStreamReader(digesting, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT)
                     .onUnmappableCharacter(CodingErrorAction.REPORT));
             CSVParser parser = FORMAT.parse(reader)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new DatasetException(file + " is empty or has no header row");
            }
            requireColumn(file, header, textColumn, "--text-col");
            requireColumn(file, header, labelColumn, "--label-col");
            for (CSVRecord row : parser) {
                String text = row.isSet(textColumn) ? row.get(textColumn) : null;
                String label = row.isSet(labelColumn) ? row.get(labelColumn) : null;
                if (text == null || text.isBlank() || label == null || label.isBlank()) {
                    skipped++;
                    continue;
                }
                examples.add(new LabeledText(text, label.strip()));
            }
            // Drain so the digest covers the whole file even if the parser stopped early.
            digesting.transferTo(OutputStreamSink.INSTANCE);
        } catch (CharacterCodingException e) {
            throw new DatasetException(file + " is not valid UTF-8 text", e);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DatasetException("cannot parse " + file + " as CSV: " + rootMessage(e), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new DatasetException("cannot parse " + file + " as CSV: " + e.getMessage(), e);
        }
        if (examples.isEmpty()) {
            throw new DatasetException(file + " has no rows with both a text and a label");
        }
        return new Dataset(List.copyOf(examples), HexFormat.of().formatHex(sha256.digest()), skipped);
    }

    private static void requireColumn(Path file, List<String> header, String column, String option) {
        if (!header.contains(column)) {
            throw new DatasetException("column '" + column + "' (" + option + ") not found in " + file
                    + "; columns are " + header);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}

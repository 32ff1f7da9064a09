package ai.callcenter.ml.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.callcenter.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetReaderTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsQuotedFieldsWithCommasAndLineBreaks() throws IOException {
        Path file = write("id,text,label\n1,\"card, lost\nyesterday\",lost_card\n2,plain,other\n");
        Dataset data = CsvDatasetReader.read(file, "text", "label");
        assertThat(data.examples()).containsExactly(
                new LabeledText("card, lost\nyesterday", "lost_card"),
                new LabeledText("plain", "other"));
        assertThat(data.labels()).containsExactly("lost_card", "other");
        assertThat(data.sha256()).hasSize(64);
    }

    @Test
    void skipsRowsWithoutTextOrLabelAndCountsThem() throws IOException {
        Path file = write("text,label\nhello,a\n,b\nworld,\n  ,c\nok,d\n");
        Dataset data = CsvDatasetReader.read(file, "text", "label");
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.skippedRows()).isEqualTo(3);
    }

    @Test
    void namesTheMissingColumnAndTheColumnsThatExist() throws IOException {
        Path file = write("Document,Topic_group\nx,y\n");
        assertThatThrownBy(() -> CsvDatasetReader.read(file, "text", "Topic_group"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("column 'text'")
                .hasMessageContaining("[Document, Topic_group]");
    }

    @Test
    void rejectsMissingEmptyAndBinaryFiles() throws IOException {
        assertThatThrownBy(() -> CsvDatasetReader.read(dir.resolve("nope.csv"), "text", "label"))
                .hasMessageContaining("not found");
        Path empty = write("");
        assertThatThrownBy(() -> CsvDatasetReader.read(empty, "text", "label")).isInstanceOf(DatasetException.class);
        Path headerOnly = dir.resolve("header.csv");
        Files.writeString(headerOnly, "text,label\n");
        assertThatThrownBy(() -> CsvDatasetReader.read(headerOnly, "text", "label")).hasMessageContaining("no rows");
        Path binary = dir.resolve("binary.csv");
        Files.write(binary, new byte[] {'t', 'e', 'x', 't', ',', 'l', 'a', 'b', 'e', 'l', '\n', (byte) 0xff, (byte) 0xfe, ',', 'a', '\n'});
        assertThatThrownBy(() -> CsvDatasetReader.read(binary, "text", "label")).hasMessageContaining("UTF-8");
    }

    @Test
    void readsBanking77WithItsMultiLineRows() {
        Dataset train = CsvDatasetReader.read(SharedData.file("banking77/train.csv"), "text", "category");
        // SOURCE.md: 10,003 data rows in 10,017 physical lines, 77 labels.
        assertThat(train.size()).isEqualTo(10_003);
        assertThat(train.labels()).hasSize(77);
    }
}

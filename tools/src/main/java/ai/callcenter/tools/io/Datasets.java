package ai.callcenter.tools.io;

import ai.callcenter.ml.dataset.CsvDatasetReader;
import ai.callcenter.ml.dataset.Dataset;
import java.nio.file.Path;

/** Reading labelled CSV files for a command, with a warning for rows that had to be skipped. */
public final class Datasets {

    /** Where the shared datasets are unless a command is told otherwise: ../shared/data, or CALLCENTER_SHARED_DATA. */
    public static final Path SHARED_DATA = Path.of(System.getProperty("callcenter.shared.data",
            System.getenv().getOrDefault("CALLCENTER_SHARED_DATA", "../shared/data")));

    private Datasets() {
    }

    public static Dataset read(Path file, String textColumn, String labelColumn, Console console) {
        Dataset dataset = CsvDatasetReader.read(file, textColumn, labelColumn);
        if (dataset.skippedRows() > 0) {
            console.err().println("warning: skipped " + dataset.skippedRows() + " row(s) of " + file
                    + " with an empty text or label");
        }
        return dataset;
    }
}

package ai.callcenter.tools.io;

import picocli.CommandLine.Option;

/** The text and label columns of a labelled CSV file: the same two options on every command that reads one. */
public final class CsvColumns {

    @Option(names = "--text-col", defaultValue = "text", paramLabel = "COLUMN", description = "text column (default: ${DEFAULT-VALUE})")
    public String text;

    @Option(names = "--label-col", defaultValue = "label", paramLabel = "COLUMN", description = "label column (default: ${DEFAULT-VALUE})")
    public String label;
}

package ai.callcenter.ml.dataset;

import java.util.List;
import java.util.TreeSet;

/**
 * Examples read from one file, plus what is needed to reproduce the run: the file's SHA-256 and
 * how many rows were dropped for an empty text or label.
 */
public record Dataset(List<LabeledText> examples, String sha256, int skippedRows) {

    public List<String> labels() {
        return List.copyOf(new TreeSet<>(examples.stream().map(LabeledText::label).toList()));
    }

    public List<String> texts() {
        return examples.stream().map(LabeledText::text).toList();
    }

    public int size() {
        return examples.size();
    }
}

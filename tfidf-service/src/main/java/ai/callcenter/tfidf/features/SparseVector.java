package ai.callcenter.tfidf.features;

/** Feature indices in ascending order with their weights. */
public record SparseVector(int[] indices, float[] values) {

    public int size() {
        return indices.length;
    }
}

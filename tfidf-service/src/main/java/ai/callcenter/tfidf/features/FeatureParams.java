package ai.callcenter.tfidf.features;

/**
 * How text becomes features.
 *
 * @param minDf        a term must occur in at least this many training documents
 * @param maxFeatures  per block, keep only the most frequent terms (bounds model size)
 * @param useIdf       weigh terms by inverse document frequency; on long pre-processed tickets
 *                     plain sublinear tf can generalise better, so training tries both
 * @param charWeight   relative weight of the character block against the word block
 */
public record FeatureParams(
        int wordNgramMin,
        int wordNgramMax,
        int charNgramMin,
        int charNgramMax,
        int minDf,
        int maxFeatures,
        boolean sublinearTf,
        boolean useIdf,
        double charWeight) {

    public FeatureParams withWeighting(boolean newUseIdf, double newCharWeight) {
        return new FeatureParams(wordNgramMin, wordNgramMax, charNgramMin, charNgramMax, minDf, maxFeatures, sublinearTf,
                newUseIdf, newCharWeight);
    }
}

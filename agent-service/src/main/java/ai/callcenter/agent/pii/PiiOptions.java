package ai.callcenter.agent.pii;

import java.util.List;

/**
 * Tuning knobs of the recognisers (bound from {@code callcenter.pii.*} in the service; the
 * defaults live in application.yaml only).
 *
 * @param phoneRegions          default regions for national-format phone numbers
 * @param phoneMinDigits        fewest digits of a phone number (excludes short codes, postcodes)
 * @param nameLocales           datafaker locales whose name lists feed the person gazetteer
 * @param cueWindow             characters before a value in which a context cue must end
 * @param personMaxTokens       longest person name, in tokens
 * @param addressMaxLines       following lines (town, region, country) an address may take
 * @param nameModelTrainingData presidio synth_dataset_v2.json whose TRAIN templates train the
 *                              OpenNLP name finder on first use; blank = rules only. A relative
 *                              path is tried against the working directory, then its parent
 *                              (the repository root or a module directory)
 * @param nameModelCacheDir     where the trained model is cached (keyed by a hash of the data and
 *                              the training parameters); blank = {@code java.io.tmpdir}/callcenter-pii
 * @param nameModelDir          a directory written by the {@code pii-models} command; when it holds both
 *                              models they are used and the training data is not needed (deployments)
 */
public record PiiOptions(List<String> phoneRegions, int phoneMinDigits, List<String> nameLocales, int cueWindow, int personMaxTokens,
                         int addressMaxLines, String nameModelTrainingData, String nameModelCacheDir, String nameModelDir) {

    public PiiOptions {
        phoneRegions = List.copyOf(phoneRegions);
        nameLocales = List.copyOf(nameLocales);
        nameModelTrainingData = nameModelTrainingData == null ? "" : nameModelTrainingData.trim();
        nameModelCacheDir = nameModelCacheDir == null ? "" : nameModelCacheDir.trim();
        nameModelDir = nameModelDir == null ? "" : nameModelDir.trim();
    }

    /** Rules only: no name-finder model. */
    public PiiOptions(List<String> phoneRegions, int phoneMinDigits, List<String> nameLocales, int cueWindow, int personMaxTokens, int addressMaxLines) {
        this(phoneRegions, phoneMinDigits, nameLocales, cueWindow, personMaxTokens, addressMaxLines, "", "", "");
    }
}

package ai.callcenter.agent.pii;

import ai.callcenter.serving.artifact.MissingArtifactException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the standard scrubber: every rule recogniser, configured from {@link PiiProperties}, plus the
 * OpenNLP name finders (cased and caseless, {@link CaseAwareNameFinder}) read from the PII-models
 * directory, unless the settings ask for rules only.
 */
public final class PiiScrubbers {

    private static final String COMMON_WORDS = "pii/common-words.txt";
    private static final String STREET_WORDS = "pii/street-words.txt";

    private PiiScrubbers() {
    }

    /** The command that writes a PII-models directory, for the start-up message when it is missing. */
    static final String MAKE_COMMAND = "bin/callcenter pii-models --data ../shared/data/presidio-synth-pii/synth_dataset_v2.json --out ";

    /** @throws MissingArtifactException when the name finders are expected but the directory lacks them */
    public static PiiScrubber create(PiiProperties options) {
        Set<String> suffixes = section(STREET_WORDS, "[suffix]");
        Set<String> prefixes = section(STREET_WORDS, "[prefix]");
        Set<String> nonNames = new HashSet<>(suffixes);
        nonNames.addAll(prefixes);
        NameGazetteer names = NameGazetteer.fromDatafaker(options.nameLocales());
        Set<String> commonWords = WordList.load(COMMON_WORDS);
        List<Recognizer> models = List.of();
        if (!options.rulesOnly()) {
            Path dir = Path.of(options.nameModelDir());
            if (options.nameModelDir().isEmpty() || !NameModels.presentIn(dir)) {
                throw new MissingArtifactException("PII name models", dir.toAbsolutePath()
                        + " (callcenter.pii.name-model-dir)", MAKE_COMMAND + (options.nameModelDir().isEmpty() ? "DIR" : dir));
            }
            NameModels m = NameModels.read(dir);
            models = List.of(new CaseAwareNameFinder(new NameFinderRecognizer(m.cased(), 0.0, commonWords),
                    new NameFinderRecognizer(m.caseless(), 0.0, commonWords), names, commonWords, nonNames));
        }
        return new PiiScrubber(List.of(
                new EmailRecognizer(),
                new UrlRecognizer(),
                new IbanRecognizer(),
                new CreditCardRecognizer(),
                new UsSsnRecognizer(),
                new NationalIdRecognizer(),
                new IpAddressRecognizer(),
                new DateOfBirthRecognizer(options.cueWindow()),
                new PhoneRecognizer(options.phoneRegions(), options.cueWindow(), options.phoneMinDigits()),
                new AddressRecognizer(suffixes, prefixes, options.addressMaxLines(), options.cueWindow()),
                new PersonRecognizer(names, commonWords, nonNames, options.personMaxTokens(), options.cueWindow())), models);
    }

    /** Words of one "[name]" section of a sectioned word list. */
    static Set<String> section(String resource, String header) {
        Set<String> words = new HashSet<>();
        try (InputStream in = PiiScrubbers.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean inSection = false;
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.trim();
                if (t.startsWith("[")) {
                    inSection = t.equals(header);
                } else if (inSection && !t.isEmpty() && !t.startsWith("#")) {
                    for (String w : t.split("\\s+")) {
                        words.add(w.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}

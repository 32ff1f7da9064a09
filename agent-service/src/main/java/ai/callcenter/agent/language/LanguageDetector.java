package ai.callcenter.agent.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Detects the language of a ticket with lingua, restricted to an explicit list of languages.
 * The n-gram models of the listed languages are loaded once at construction (preloading), so the
 * first request is as fast as the others; an explicit list keeps heap bounded (all 75 languages
 * in high-accuracy mode need over 1 GB) and avoids confusing close languages the platform never
 * receives.
 * <p>Deterministic rules around lingua (docs/language.md has the measurements):
 * <ol>
 *   <li><b>Stop-word first pass</b> (when configured): a text whose function words are clearly one
 *       Snowball language's is that language without asking lingua ({@link StopWordFirstPass}).</li>
 *   <li><b>Script focus.</b> When the text has letters of a non-Latin script (Arabic, Han,
 *       Cyrillic...), only the words without Latin letters are classified: a Latin-script song or
 *       film title inside an Arabic or Chinese message says nothing about the message's language.</li>
 *   <li><b>Entity masking.</b> Otherwise capitalised words other than the first, words with digits
 *       and scrubber placeholders ({@code <PERSON>}) are dropped before classification when any
 *       word is left: names of people, places, songs and products are mostly English or
 *       language-neutral and drag short messages towards English. A word counts as capitalised when
 *       its first letter is, after any opening quote or bracket ("Happiness Was Free" in quotes).
 *       A capitalised word's lower-case ending after an apostrophe replaces the word (Turkish
 *       "Spotify'dan" → "dan").</li>
 *   <li><b>Nordic markers.</b> When lingua's answer is Danish, Bokmål, Nynorsk or Swedish, or one of
 *       them is within {@link #NORDIC_NEAR} of the top, the answer is the configured language
 *       that lingua ranks highest among the groups (Danish, Norwegian = Bokmål/Nynorsk, Swedish)
 *       with the most spelling markers ({@link NordicMarkers}). No marker keeps lingua's answer.</li>
 *   <li><b>Stop-word vote.</b> When the answer is English, German, Dutch, French, Italian, Spanish or
 *       Portuguese and another of these is within {@link #STOP_WORD_NEAR} of the top, the one with
 *       the most stop words no other candidate has wins ({@link StopWordVote}).</li>
 *   <li><b>Alphabet.</b> Letters only some Latin alphabets have rule out the languages without them
 *       ({@link #ALPHABET}), before the rules above pick among the rest.</li>
 * </ol>
 */
public final class LanguageDetector {

    /** A Nordic language this close (relative confidence) to the top triggers the marker rule. */
    static final double NORDIC_NEAR = 0.90;
    /** Chosen on the xSID valid split (0.80 / 0.90 / 0.95 compared; see docs/language.md). */
    static final double STOP_WORD_NEAR = 0.95;

    /** Shortest apostrophe ending kept for a dropped name (see {@link #suffixAfterApostrophe}). */
    static final int MIN_SUFFIX_LETTERS = 2;

    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z_]+>");
    private static final Pattern TRAILING_NON_LETTERS = Pattern.compile("\\P{L}+$");
    private static final Set<Language> NORDIC = EnumSet.of(Language.DANISH, Language.BOKMAL, Language.NYNORSK, Language.SWEDISH);

    /** Builds lingua's detectors off the caller's thread, so the agent's context starts meanwhile. */
    private static final Executor PRELOAD = runnable -> {
        Thread thread = new Thread(runnable, "lingua-preload");
        thread.setDaemon(true);
        thread.start();
    };

    /** lingua with its models preloaded; detection waits for it only until the load is done. */
    private final CompletableFuture<com.github.pemistahl.lingua.api.LanguageDetector> lingua;
    private final List<Language> languages;
    private final double minimumRelativeDistance;
    private final int maxCharacters;
    /** null: every text goes to lingua */
    private final StopWordFirstPass firstPass;

    /** A detector that reads the whole text; see the five-argument constructor. */
    public LanguageDetector(List<String> languageNames, boolean lowAccuracyMode, double minimumRelativeDistance) {
        this(languageNames, lowAccuracyMode, minimumRelativeDistance, Integer.MAX_VALUE);
    }

    /** A detector that asks lingua about every text; see the five-argument constructor. */
    public LanguageDetector(List<String> languageNames, boolean lowAccuracyMode, double minimumRelativeDistance, int maxCharacters) {
        this(languageNames, lowAccuracyMode, minimumRelativeDistance, maxCharacters, null);
    }

    /**
     * @param languageNames           lingua {@link Language} names, e.g. ENGLISH, GERMAN, BOKMAL
     * @param lowAccuracyMode         use only trigram models (less heap, worse on short texts)
     * @param minimumRelativeDistance margin between the top two confidences below which the
     *                                answer is UNKNOWN; 0 always answers
     * @param maxCharacters           how much of the (focused) text lingua reads, cut at a word
     *                                boundary: its cost grows with the length, its accuracy stops
     *                                growing long before (docs/language.md)
     * @param firstPass               the stop-word first pass's thresholds; null: off
     */
    public LanguageDetector(List<String> languageNames, boolean lowAccuracyMode, double minimumRelativeDistance, int maxCharacters,
                            LanguageProperties.FirstPass firstPass) {
        if (maxCharacters < 1) {
            throw new IllegalArgumentException("maxCharacters must be positive, got " + maxCharacters);
        }
        this.maxCharacters = maxCharacters;
        List<Language> langs = new ArrayList<>();
        for (String name : languageNames) {
            langs.add(Language.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
        if (langs.size() < 2) {
            throw new IllegalArgumentException("lingua needs at least two languages, got " + langs);
        }
        List<Language> withoutModels = withoutModels(langs, Language.class::getResource);
        if (!withoutModels.isEmpty()) {
            throw new IllegalStateException("lingua has no models for " + withoutModels + " in this build: a container "
                    + "image keeps only the languages it was built with (scripts/images.sh, AGENT_LANGUAGES; "
                    + "docs/deploy.md)");
        }
        this.languages = List.copyOf(langs);
        this.minimumRelativeDistance = minimumRelativeDistance;
        this.firstPass = firstPass == null || !firstPass.enabled() ? null
                : new StopWordFirstPass(languages, firstPass.minStopWords(), firstPass.minShare());
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(langs.toArray(new Language[0]))
                .withPreloadedLanguageModels();
        if (lowAccuracyMode) {
            builder = builder.withLowAccuracyMode();
        }
        this.lingua = CompletableFuture.supplyAsync(builder::build, PRELOAD);
    }

    public List<Language> languages() {
        return languages;
    }

    /**
     * The languages whose model files {@code resources} does not find: the agent's image drops the models of
     * languages it is not built for, and a missing one would otherwise only fail the preload, leaving
     * readiness down without saying why.
     */
    static List<Language> withoutModels(List<Language> languages, Function<String, URL> resources) {
        List<Language> missing = new ArrayList<>();
        for (Language language : languages) {
            // every language has a unigram model (Chinese, Japanese and Korean have nothing else)
            if (resources.apply("/language-models/" + isoCode(language) + "/unigrams.json") == null) {
                missing.add(language);
            }
        }
        return missing;
    }

    /** Completes when lingua's models are in memory (the agent's readiness waits for it). */
    public CompletableFuture<?> loading() {
        return lingua;
    }

    /** The detected language, or {@link DetectedLanguage#UNKNOWN} for empty or undecidable text. */
    public DetectedLanguage detect(String text) {
        if (text == null || text.isBlank()) {
            return DetectedLanguage.UNKNOWN;
        }
        String focus = focus(text);
        String focusHead = head(focus, maxCharacters);
        Language settled = firstPass == null ? null : firstPass.settle(focusHead);
        if (settled != null) {
            // lingua's relative confidence of its top language is 1 as well
            return new DetectedLanguage(settled.name(), isoCode(settled), 1.0);
        }
        com.github.pemistahl.lingua.api.LanguageDetector detector = lingua.join();
        Map<Language, Double> conf = detector.computeLanguageConfidenceValues(focusHead);
        if (conf.isEmpty() && !focus.equals(text)) {
            conf = detector.computeLanguageConfidenceValues(head(text, maxCharacters));
        }
        Set<Language> allowed = alphabetCandidates(focus);
        Language top = null;
        double first = -1;
        double second = 0;
        for (Language l : languages) {
            double c = allowed == null || allowed.contains(l) ? conf.getOrDefault(l, 0.0) : 0.0;
            if (c > first) {
                second = Math.max(first, 0);
                first = c;
                top = l;
            } else if (c > second) {
                second = c;
            }
        }
        if (top == null || first <= 0 || first - second < minimumRelativeDistance) {
            return DetectedLanguage.UNKNOWN;
        }
        Language chosen = stopWordVote(focusHead, nordic(text, top, conf), conf, allowed);
        return new DetectedLanguage(chosen.name(), isoCode(chosen), conf.getOrDefault(chosen, 0.0));
    }

    /**
     * The start of the text that holds {@code maxCharacters} characters lingua reads (it drops punctuation and
     * digits and folds runs of spaces), completed to the end of the word it stops in, so that lingua's cleaned-up
     * text has at least that many characters: below 120 lingua switches from trigrams to all 1- to 5-gram models,
     * which costs several times more (docs/language.md). A word is completed over at most {@code maxCharacters}
     * more code points (a text without spaces is simply cut).
     */
    static String head(String text, int maxCharacters) {
        int read = 0;
        boolean previousSpace = true;
        int i = 0;
        while (i < text.length() && read < maxCharacters) {
            int c = text.codePointAt(i);
            boolean space = Character.isWhitespace(c);
            if (space ? !previousSpace : countedByLingua(c)) {
                read++;
            }
            previousSpace = space;
            i += Character.charCount(c);
        }
        int limit = i;
        for (int extra = 0; limit < text.length() && extra < maxCharacters; extra++) {
            int c = text.codePointAt(limit);
            if (Character.isWhitespace(c)) {
                break;
            }
            limit += Character.charCount(c);
        }
        return limit >= text.length() ? text : text.substring(0, limit);
    }

    /** Whether lingua keeps the character when it cleans a text up (it removes punctuation and numbers). */
    private static boolean countedByLingua(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER,
                 Character.OTHER_NUMBER -> false;
            default -> true;
        };
    }

    /** The part of the text that carries its language (rules 1 and 2 of the class comment). */
    static String focus(String text) {
        String[] words = SPACE.split(PLACEHOLDER.matcher(text.trim()).replaceAll(" ").trim());
        int nonLatinLetters = 0;
        for (String w : words) {
            nonLatinLetters += (int) w.codePoints().filter(c -> Character.isLetter(c) && !isLatin(c)).count();
        }
        StringBuilder b = new StringBuilder();
        if (nonLatinLetters >= 2) {
            for (String w : words) {
                if (w.codePoints().noneMatch(c -> Character.isLetter(c) && isLatin(c))) {
                    b.append(w).append(' ');
                }
            }
        } else {
            for (int i = 0; i < words.length; i++) {
                String w = words[i];
                boolean capitalised = startsCapitalised(w);
                boolean digits = w.codePoints().anyMatch(Character::isDigit);
                String suffix = capitalised && !digits ? suffixAfterApostrophe(w) : null;
                if (suffix != null) {
                    b.append(suffix).append(' ');
                } else if ((i == 0 || !capitalised) && !digits) {
                    b.append(w).append(' ');
                }
            }
        }
        String focus = b.toString().trim();
        return focus.codePoints().anyMatch(Character::isLetter) ? focus : text;
    }

    /** True when the first letter of the word, after any opening quote or bracket, is upper case. */
    static boolean startsCapitalised(String word) {
        return word.codePoints().filter(Character::isLetterOrDigit).findFirst().stream().anyMatch(Character::isUpperCase);
    }

    /**
     * The lower-case ending of at least {@link #MIN_SUFFIX_LETTERS} letters after the last apostrophe
     * of a word ("nın" in "Dana'nın", "dan" in "Spotify'dan"), or null. Turkish writes case endings on
     * proper nouns after an apostrophe: the name is dropped (rule 2, also as the first word, where it
     * is capitalised anyway) and its ending is kept as evidence of the language. English "Mary's",
     * "Don't", "It's" have one-letter endings and are left to rule 2 as before.
     */
    static String suffixAfterApostrophe(String word) {
        int cut = Math.max(word.lastIndexOf('\''), word.lastIndexOf('\u2019'));
        if (cut <= 0 || cut == word.length() - 1) {
            return null;
        }
        String suffix = TRAILING_NON_LETTERS.matcher(word.substring(cut + 1)).replaceAll("");
        return suffix.length() >= MIN_SUFFIX_LETTERS && suffix.codePoints().allMatch(c -> Character.isLetter(c) && Character.isLowerCase(c)) ? suffix : null;
    }

    /**
     * Letters that only some Latin alphabets have: a text using one cannot be in a language
     * whose alphabet lacks it (lingua's n-grams sometimes still prefer such a language on short
     * texts, e.g. "prikaži sve alarme" scored Swedish). Only letters no native English, German,
     * Romance or Nordic word uses are listed, so loanwords do not trigger the rule; the one exception,
     * Romanian's ş, lists Romanian. Each set names every lingua language whose alphabet has the letter,
     * configured or not: only the configured ones count, and a letter none of them has restricts nothing.
     */
    private static final Map<Character, Set<Language>> ALPHABET = Map.ofEntries(
            Map.entry('š', EnumSet.of(Language.CZECH, Language.SLOVAK, Language.SLOVENE, Language.CROATIAN, Language.BOSNIAN,
                    Language.SERBIAN, Language.LITHUANIAN, Language.LATVIAN, Language.ESTONIAN, Language.FINNISH)),
            Map.entry('ž', EnumSet.of(Language.CZECH, Language.SLOVAK, Language.SLOVENE, Language.CROATIAN, Language.BOSNIAN,
                    Language.SERBIAN, Language.LITHUANIAN, Language.LATVIAN, Language.ESTONIAN, Language.FINNISH)),
            Map.entry('č', EnumSet.of(Language.CZECH, Language.SLOVAK, Language.SLOVENE, Language.CROATIAN, Language.BOSNIAN,
                    Language.SERBIAN, Language.LITHUANIAN, Language.LATVIAN)),
            Map.entry('ć', EnumSet.of(Language.CROATIAN, Language.BOSNIAN, Language.SERBIAN, Language.POLISH)),
            Map.entry('đ', EnumSet.of(Language.CROATIAN, Language.BOSNIAN, Language.SERBIAN, Language.VIETNAMESE)),
            // Polish and Lithuanian nasal vowels; Lithuanian's dotted and macron vowels (ū also Latvian and Maori)
            Map.entry('ą', EnumSet.of(Language.POLISH, Language.LITHUANIAN)),
            Map.entry('ę', EnumSet.of(Language.POLISH, Language.LITHUANIAN)),
            Map.entry('ė', EnumSet.of(Language.LITHUANIAN)),
            Map.entry('į', EnumSet.of(Language.LITHUANIAN)),
            Map.entry('ų', EnumSet.of(Language.LITHUANIAN)),
            Map.entry('ū', EnumSet.of(Language.LITHUANIAN, Language.LATVIAN, Language.MAORI)),
            // Polish (ń also Yoruba, as a tone mark)
            Map.entry('ł', EnumSet.of(Language.POLISH)),
            Map.entry('ń', EnumSet.of(Language.POLISH, Language.YORUBA)),
            Map.entry('ś', EnumSet.of(Language.POLISH)),
            Map.entry('ź', EnumSet.of(Language.POLISH)),
            Map.entry('ż', EnumSet.of(Language.POLISH)),
            // Czech and Slovak
            Map.entry('ř', EnumSet.of(Language.CZECH)),
            Map.entry('ů', EnumSet.of(Language.CZECH)),
            Map.entry('ě', EnumSet.of(Language.CZECH)),
            Map.entry('ť', EnumSet.of(Language.CZECH, Language.SLOVAK)),
            Map.entry('ď', EnumSet.of(Language.CZECH, Language.SLOVAK)),
            Map.entry('ň', EnumSet.of(Language.CZECH, Language.SLOVAK)),
            // Turkish and its neighbours
            Map.entry('ı', EnumSet.of(Language.TURKISH, Language.AZERBAIJANI)),
            Map.entry('ğ', EnumSet.of(Language.TURKISH, Language.AZERBAIJANI)),
            Map.entry('ş', EnumSet.of(Language.TURKISH, Language.AZERBAIJANI, Language.ROMANIAN)));

    /** The languages every diagnostic letter of the text allows (among those configured), or null for no restriction. */
    private Set<Language> alphabetCandidates(String focus) {
        Set<Language> allowed = null;
        String lower = focus.toLowerCase(Locale.ROOT);
        for (Map.Entry<Character, Set<Language>> e : ALPHABET.entrySet()) {
            if (lower.indexOf(e.getKey()) >= 0) {
                Set<Language> these = EnumSet.copyOf(e.getValue());
                these.retainAll(languages);
                if (allowed == null) {
                    allowed = these;
                } else {
                    allowed.retainAll(these);
                }
            }
        }
        return allowed == null || allowed.isEmpty() ? null : allowed;
    }

    private static boolean isLatin(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN;
    }

    /**
     * Rule 4 of the class comment: among the configured languages {@link StopWordVote} covers that lingua
     * scores within {@link #STOP_WORD_NEAR} of the top, the one with the most stop words of its own,
     * lingua's confidence breaking ties; the answer stands when it is among the best or none has any.
     */
    private Language stopWordVote(String focus, Language answer, Map<Language, Double> conf, Set<Language> allowed) {
        if (!StopWordVote.covers(answer)) {
            return answer;
        }
        List<Language> candidates = languages.stream()
                .filter(l -> l == answer || StopWordVote.covers(l) && conf.getOrDefault(l, 0.0) >= STOP_WORD_NEAR
                        && (allowed == null || allowed.contains(l)))
                .toList();
        if (candidates.size() < 2) {
            return answer;
        }
        List<Language> best = StopWordVote.best(focus, candidates);
        if (best.isEmpty() || best.contains(answer)) {
            return answer;
        }
        return best.stream().max(Comparator.comparingDouble(l -> conf.getOrDefault(l, 0.0))).orElse(answer);
    }

    /** Rule 3 of the class comment. */
    private Language nordic(String text, Language top, Map<Language, Double> conf) {
        boolean applies = NORDIC.contains(top);
        for (Language l : NORDIC) {
            applies |= languages.contains(l) && conf.getOrDefault(l, 0.0) >= NORDIC_NEAR;
        }
        if (!applies) {
            return top;
        }
        Set<NordicMarkers.Group> groups = NordicMarkers.decide(text);
        if (groups.isEmpty()) {
            return top;
        }
        // The languages of the best-marked groups; lingua's confidence picks among them.
        Language pick = null;
        for (Language l : languages) {
            NordicMarkers.Group g = switch (l) {
                case DANISH -> NordicMarkers.Group.DANISH;
                case BOKMAL, NYNORSK -> NordicMarkers.Group.NORWEGIAN;
                case SWEDISH -> NordicMarkers.Group.SWEDISH;
                default -> null;
            };
            if (g != null && groups.contains(g) && (pick == null || conf.getOrDefault(l, 0.0) > conf.getOrDefault(pick, 0.0))) {
                pick = l;
            }
        }
        return pick == null ? top : pick;
    }

    /** ISO 639-1 code; lingua's BOKMAL and NYNORSK carry nb and nn. */
    static String isoCode(Language lang) {
        return lang.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Macro-language family of an ISO code, for consumers that route by language group: Bokmål and
     * Nynorsk are Norwegian ({@code no}); Serbian, Croatian and Bosnian, mutually intelligible
     * standard varieties of one language (BCMS), are {@code sh}. Other codes are returned as is.
     */
    public static String family(String isoCode) {
        return switch (isoCode) {
            case "nb", "nn" -> "no";
            case "sr", "hr", "bs" -> "sh";
            default -> isoCode;
        };
    }
}

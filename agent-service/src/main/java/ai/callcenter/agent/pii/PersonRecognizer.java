package ai.callcenter.agent.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Person names without a statistical model: name gazetteers (datafaker) plus context rules.
 * <ol>
 *   <li>Seeds: a capitalised token found in the first- or last-name gazetteer and not a common
 *       English word; a lower-case first name directly followed by a lower-case last name; or
 *       any capitalised (or gazetteer) token right after a name cue ("my name is", "Name:",
 *       titles such as "Mr.", greetings "Hi", "Dear", sign-offs "Regards,").</li>
 *   <li>Each seed grows right over capitalised tokens, initials, particles ("van", "de") and
 *       suffixes ("Jr", "MD"), and left over gazetteer names and initials, up to
 *       {@code maxTokens}; only single spaces (or an initial's dot) may separate its tokens.</li>
 * </ol>
 */
public final class PersonRecognizer implements Recognizer {

    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{M}'’\\-]*");
    private static final Pattern CUE = Pattern.compile("(?i)(?:\\bmy name is|\\bname is|\\bname\\s*[:?]?|\\bnamed|\\bcalled|\\bi'm|\\bi am|\\bthis is|"
            + "\\bdear|\\bhi|\\bhello|\\bhey|\\bmr|\\bmrs|\\bms|\\bmiss|\\bmx|\\bdr|\\bprof|\\bsir|\\bmadam|"
            + "\\bregards|\\bthanks|\\bcheers|\\bsincerely|\\bsigned|\\bdirected by|\\bstarring|\\bsays|\\bsaid|\\basked|"
            + "\\bmaiden name is|\\bcall me|\\bmy (?:kid|son|daughter|child|wife|husband|partner|friend|brother|sister|mother|father|boss|colleague|manager)|"
            + "\\badd|\\bcontact|\\bask for|\\bspeak to|\\bspoke to|\\bspoke with|\\bfollow up with)[.,:]?\\s*$");
    /** A speaker label at the start of a line, "Halldór: ...", names a person unless it is a common word ("Name:"). */
    private static final Pattern SPEAKER = Pattern.compile("(?m)^[ \\t>]*(\\p{Lu}[\\p{L}\\p{M}\\-]+)[ \\t]*:");
    /** Tokens like "I'm", "don't", "we'll" are never part of a name. */
    private static final Pattern CONTRACTION = Pattern.compile("(?i).+['’](?:m|re|ve|ll|d|t)$");
    /** Verbs that, right after a capitalised unknown word, mark it as a person: "Dzhambek said". */
    private static final Pattern AFTER_CUE = Pattern.compile("^(?:'s? |’s? )?\\s?(?:said|says|asked|shouted|replied|told|lives|lived|is|was|has|had|will|would|can|could|spent|began|listed|explained)\\b");
    /** "ATMs", "PINs", "IDs": two leading capitals make an acronym, not a name. */
    private static final Pattern ACRONYM = Pattern.compile("^\\p{Lu}\\p{Lu}.*");
    private static final Set<String> PARTICLES = Set.of("van", "von", "de", "da", "del", "della", "di", "du", "le", "la", "bin", "ibn", "al", "el", "ter", "ten", "der", "den", "dos", "das");
    private static final Set<String> SUFFIXES = Set.of("jr", "sr", "md", "phd", "dds", "dvm", "ii", "iii", "iv", "esq");

    private final NameGazetteer names;
    private final Set<String> commonWords;
    private final Set<String> nonNames;
    private final int maxTokens;
    private final int cueWindow;

    /**
     * @param names       first/last name gazetteer
     * @param commonWords lower-cased common words that never seed a name by themselves
     * @param nonNames    lower-cased words that never belong to a name (street suffixes, months...)
     * @param maxTokens   longest name, in tokens
     * @param cueWindow   characters before a token in which a name cue must end
     */
    public PersonRecognizer(NameGazetteer names, Set<String> commonWords, Set<String> nonNames, int maxTokens, int cueWindow) {
        this.names = names;
        this.commonWords = Set.copyOf(commonWords);
        this.nonNames = Set.copyOf(nonNames);
        this.maxTokens = maxTokens;
        this.cueWindow = cueWindow;
    }

    private record Tok(int start, int end, String text) {
    }

    @Override
    public List<PiiSpan> find(String text) {
        List<Tok> toks = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group();
            // Keep the apostrophe-s of a possessive outside the name: "Kim's" -> "Kim".
            int end = m.end();
            if (w.endsWith("'s") || w.endsWith("’s")) {
                end -= 2;
                w = w.substring(0, w.length() - 2);
            }
            if (!w.isEmpty()) {
                toks.add(new Tok(m.start(), end, w));
            }
        }
        List<PiiSpan> out = new ArrayList<>();
        int i = 0;
        while (i < toks.size()) {
            int seedEnd = seed(text, toks, i);
            if (seedEnd < 0) {
                i++;
                continue;
            }
            int lo = i;
            int hi = seedEnd;
            while (hi + 1 < toks.size() && hi - lo + 1 < maxTokens && joined(text, toks, hi) && continuesRight(toks, hi + 1)) {
                hi++;
            }
            // A trailing particle without a following name part is not part of the name.
            while (hi > lo && PARTICLES.contains(lower(toks.get(hi).text()))) {
                hi--;
            }
            while (lo > 0 && hi - lo + 1 < maxTokens && joined(text, toks, lo - 1) && continuesLeft(toks.get(lo - 1))) {
                lo--;
            }
            out.add(new PiiSpan(PiiType.PERSON, toks.get(lo).start(), toks.get(hi).end()));
            i = hi + 1;
        }
        Matcher sp = SPEAKER.matcher(text);
        while (sp.find()) {
            String w = sp.group(1);
            if (isCapitalised(w) && !commonWords.contains(lower(w)) && !nonNames.contains(lower(w))) {
                out.add(new PiiSpan(PiiType.PERSON, sp.start(1), sp.end(1)));
            }
        }
        out.addAll(coordinated(text, toks, out));
        // "Mi tarjeta…", "Ma carte…", "Mein Konto…": the gazetteer has Mi, Ma and Mein as names, and the
        // English common-word list cannot know these languages' pronouns and articles. The cheap span check
        // comes first, so the whole text is counted only when such a span exists.
        if (out.stream().anyMatch(span -> ForeignText.personStartingWithForeignStopWord(text, span))
                && ForeignText.moreLikelyThanEnglish(text)) {
            out.removeIf(span -> ForeignText.personStartingWithForeignStopWord(text, span));
        }
        return out;
    }

    /** "Usamov and Kadiev", "Kim, Lee and Park": a capitalised word coordinated with a found name is a name. */
    private List<PiiSpan> coordinated(String text, List<Tok> toks, List<PiiSpan> found) {
        List<PiiSpan> extra = new ArrayList<>();
        for (int j = 0; j < toks.size(); j++) {
            Tok t = toks.get(j);
            String w = t.text();
            if (!isCapitalised(w) || w.length() < 2 || commonWords.contains(lower(w)) || nonNames.contains(lower(w)) || covered(found, t)) {
                continue;
            }
            boolean leftOk = j >= 2 && isAnd(toks.get(j - 1)) && covered(found, toks.get(j - 2));
            boolean rightOk = j + 2 < toks.size() && isAnd(toks.get(j + 1)) && covered(found, toks.get(j + 2));
            if (leftOk || rightOk) {
                extra.add(new PiiSpan(PiiType.PERSON, t.start(), t.end()));
            }
        }
        return extra;
    }

    private static boolean isAnd(Tok t) {
        return t.text().equals("and");
    }

    private static boolean covered(List<PiiSpan> spans, Tok t) {
        for (PiiSpan s : spans) {
            if (s.start() <= t.start() && t.end() <= s.end()) {
                return true;
            }
        }
        return false;
    }

    /** A capitalised unknown word followed by a verb a person does: "Dzhambek said", "Kadiev was". */
    private static boolean verbCued(String text, Tok t, String w) {
        if (!isCapitalised(w) || w.length() <= 2 || ACRONYM.matcher(w).matches()) {
            return false;
        }
        return AFTER_CUE.matcher(text.substring(t.end())).find();
    }

    /** Index of the last token of a seed starting at i, or -1. */
    private int seed(String text, List<Tok> toks, int i) {
        Tok t = toks.get(i);
        String w = t.text();
        // "I'm", "I've", "don't" are never names, even right after a cue ("Hi, I'm ...").
        if (nonNames.contains(lower(w)) || CONTRACTION.matcher(w).matches()) {
            return -1;
        }
        if (isCapitalised(w) && w.length() > 1 && names.isName(w) && !commonWords.contains(lower(w))) {
            return i;
        }
        // The cue regex is the costliest test here, so it runs only for words that could be a name.
        boolean nameShaped = (isCapitalised(w) || names.isName(w)) && !commonWords.contains(lower(w));
        if (nameShaped && (hasCue(text, t.start()) || verbCued(text, t, w))) {
            return i;
        }
        // "Ravil G Yefimov": capitalised word, initial, capitalised word.
        if (isCapitalised(w) && w.length() > 1 && !commonWords.contains(lower(w)) && i + 2 < toks.size() && joined(text, toks, i)
                && isInitial(toks.get(i + 1).text()) && joined(text, toks, i + 1) && isCapitalised(toks.get(i + 2).text())
                && !commonWords.contains(lower(toks.get(i + 2).text()))) {
            return i + 2;
        }
        if (isLowerCase(w) && w.length() > 2 && names.isFirstName(w) && !commonWords.contains(w) && i + 1 < toks.size() && joined(text, toks, i)) {
            String next = toks.get(i + 1).text();
            // Both halves from the gazetteers: "fee charged" is not "john smith".
            if (isLowerCase(next) && next.length() > 2 && !commonWords.contains(next) && names.isLastName(next)) {
                return i + 1;
            }
        }
        return -1;
    }

    private boolean continuesRight(List<Tok> toks, int j) {
        String w = toks.get(j).text();
        String lw = lower(w);
        if (CONTRACTION.matcher(w).matches()) {
            return false;
        }
        if (nonNames.contains(lw) || commonWords.contains(lw)) {
            return SUFFIXES.contains(lw);
        }
        if (SUFFIXES.contains(lw) || isInitial(w) || isCapitalised(w)) {
            return true;
        }
        return PARTICLES.contains(lw) && j + 1 < toks.size() && isCapitalised(toks.get(j + 1).text());
    }

    private boolean continuesLeft(Tok t) {
        String w = t.text();
        String lw = lower(w);
        if (CONTRACTION.matcher(w).matches()) {
            return false;
        }
        if (nonNames.contains(lw) || commonWords.contains(lw)) {
            return false;
        }
        return isInitial(w) || isCapitalised(w);
    }

    /** True when tokens i and i+1 are separated only by one space, or ". " after an initial. */
    private static boolean joined(String text, List<Tok> toks, int i) {
        String gap = text.substring(toks.get(i).end(), toks.get(i + 1).start());
        return gap.equals(" ") || (gap.equals(". ") && isInitial(toks.get(i).text()));
    }

    private boolean hasCue(String text, int start) {
        String before = text.substring(Math.max(0, start - cueWindow), start);
        return CUE.matcher(before).find();
    }

    private static boolean isCapitalised(String w) {
        if (!Character.isUpperCase(w.charAt(0))) {
            return false;
        }
        // ALL-CAPS words (acronyms, shouted words) are not treated as names.
        for (int k = 1; k < w.length(); k++) {
            if (Character.isLowerCase(w.charAt(k))) {
                return true;
            }
        }
        return w.length() == 1;
    }

    private static boolean isLowerCase(String w) {
        return w.length() > 1 && w.equals(w.toLowerCase(Locale.ROOT));
    }

    private static boolean isInitial(String w) {
        return w.length() == 1 && Character.isUpperCase(w.charAt(0));
    }

    private static String lower(String w) {
        return w.toLowerCase(Locale.ROOT);
    }
}

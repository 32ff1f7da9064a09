package ai.callcenter.agent.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Street addresses from their structure, in several European and American conventions:
 * <ul>
 *   <li>house number, street name, street-type suffix: "2450 Crown St", "9 Oak Avenue";</li>
 *   <li>street-type prefix, name, optional number: "Via Roma 131", "36 rue de Pologne";</li>
 *   <li>compound street word and number: "Friedhofstrasse 33", "Puruntie 82";</li>
 *   <li>US military addresses: "PSC 5217, Box 4854", "USNS Ward", "APO AE 12345";</li>
 *   <li>after an address cue ("address is", "lives at", "ship to"...), the clause that follows
 *       when it starts with a number or a capitalised word.</li>
 * </ul>
 * A match grows over a unit designator ("Apt. 864", "Suite 5") and, when it ends its line, over
 * up to {@code maxContinuationLines} following short lines of place names and postal codes
 * (town, region, country, ZIP), which is how postal blocks are written.
 */
public final class AddressRecognizer implements Recognizer {

    private static final String NUM = "\\d{1,6}[A-Za-z]?(?:[-/]\\d{1,4}[A-Za-z]?)?";
    private static final String CAP = "\\p{Lu}[\\p{L}\\p{M}'’\\-]*\\.?";
    private static final String NAME_WORD = "(?:" + CAP + "|\\d{1,3}(?:st|nd|rd|th)|[\\p{Ll}]{1,3})";
    private static final String COMPOUND = "\\p{Lu}[\\p{L}\\p{M}\\-]*(?:strasse|straße|str\\.|weg|gasse|platz|allee|ring|damm|laan|straat|gracht|plein|singel|kade|vej|gade|gatan|vägen|gata|veien|vegen|gate|katu|tie|kuja|polku|utca|ulica|iela|gatve|ská|ova|ho)";
    private static final String UNIT = "(?:,?\\s*(?:Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Flat|Floor|Fl\\.?|Room|Rm\\.?|#)\\s*\\d{1,5}[A-Za-z]?)";
    private static final Pattern MILITARY = Pattern.compile(
            "(?:(?:PSC|Unit|CMR) \\d{3,5},? Box \\d{3,5}|(?:USNS|USNV|USS|USCGC) \\p{Lu}\\p{Ll}+)(?:\\s*(?:FPO|APO|DPO) (?:AA|AE|AP) \\d{5})?"
            + "|(?:FPO|APO|DPO) (?:AA|AE|AP) \\d{5}");
    private static final Pattern CUE = Pattern.compile("(?i)(?:address(?: is|:)|addresses?,? here (?:it is|they are):|\\blives? (?:at|on)|\\blocated (?:at|on|in)|\\bmoved to|"
            + "\\bsen[dt] (?:it |this |them )?to|\\bship (?:it )?to|\\bdeliver(?:ed)? (?:it )?to|\\bmeet (?:me|you) at|\\boff at|\\breturn (?:it )?to|"
            + "\\btaxi to|\\bis at|\\bis on|\\barrived at|\\bbilling address with|\\bsame:)\\s*$");
    /** Words that end the clause taken after an address cue: the address is over when prose resumes. */
    private static final Pattern CLAUSE = Pattern.compile("(?:" + NUM + "|" + CAP + ")(?:,?[ \\t]+(?:" + NUM + "|" + CAP + "|[\\p{Ll}]{1,3}(?=[ \\t]+\\p{Lu})))*");
    private static final Pattern CONTINUATION_LINE = Pattern.compile(
            "[ \\t>?]*,?[ \\t]*((?:" + CAP + "|[A-Z]{2,3}|[\\p{Ll}]{1,3}|\\d{3,6}(?:-\\d{3,4})?|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d)(?:,?[ \\t]+(?:" + CAP + "|[A-Z]{2,3}|\\d{3,6}(?:-\\d{3,4})?|[\\p{Ll}]{1,3}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d)){0,5})[ \\t]*,?[ \\t]*(?:\\.)?(?=\\n|$)");

    /** Each needs a digit or a capital letter ({@link Patterns#hasDigitOrCapital}). */
    private final List<Pattern> structural;
    /** "zip code 1234ab": the one pattern that matches all lower-case letters. */
    private final Pattern postcodeAfterCue;
    /** "the corner of Dalbraut 99 and Frederikke Coves": an intersection names a place precisely. */
    private final Pattern corner;
    private final int maxContinuationLines;
    private final int cueWindow;

    /**
     * @param suffixes             street-type words written after the name ("street", "ave")
     * @param prefixes             street-type words written before the name ("rue", "via")
     * @param maxContinuationLines how many following lines (town, region, country) may join
     * @param cueWindow            characters before a clause in which an address cue must end
     */
    public AddressRecognizer(Set<String> suffixes, Set<String> prefixes, int maxContinuationLines, int cueWindow) {
        String suffix = "(?i:" + String.join("|", suffixes) + ")\\.?";
        String prefix = "(?i:" + String.join("|", prefixes) + ")\\.?";
        this.structural = List.of(
                Pattern.compile("(?<![\\p{L}\\p{N}])" + NUM + "(?:[ \\t]+" + NUM + ")?(?:[ \\t]+" + NAME_WORD + "){0,4}[ \\t]+" + suffix + "(?![\\p{L}\\p{N}])(?:[ \\t]+\\d{1,5}(?![\\p{L}\\p{N}]))?" + UNIT + "?"),
                Pattern.compile("(?<![\\p{L}\\p{N}])(?=\\p{Lu})" + prefix
                        + "(?:[ \\t]+" + NAME_WORD + "){1,5}(?:,?[ \\t]+" + NUM + ")?" + UNIT + "?"),
                Pattern.compile("(?<![\\p{L}\\p{N}])" + NUM + "[ \\t]+" + prefix + "(?:[ \\t]+" + NAME_WORD + "){1,5}(?:,?[ \\t]+" + NUM + ")?" + UNIT + "?"),
                Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + NUM + "[ \\t]+)?(?:" + CAP + "[ \\t]+){0,2}" + COMPOUND + ",?[ \\t]+" + NUM + "(?![\\p{L}\\p{N}])" + UNIT + "?"),
                // "20789 Allika 46", "6076 Piroska u. 97": number, street name, number (European blocks).
                Pattern.compile("(?<![\\p{L}\\p{N}])" + NUM + "[ \\t]+(?:" + CAP + "[ \\t]+)(?:(?:" + CAP + "|[\\p{Ll}]{1,3}\\.?)[ \\t]+){0,3}" + NUM + "(?![\\p{L}\\p{N}])\\.?" + UNIT + "?"),
                Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(?:" + NUM + "[ \\t]+)?(?:P\\.? ?O\\.? Box|Post ?box|Post Office Box) \\d{1,6}" + UNIT + "?"),
                MILITARY);
        this.postcodeAfterCue = Pattern.compile("(?i)(?<=(?:zip|postal|post) ?code (?:is |: ?)?)[A-Z0-9]{3,5}(?:[ -]\\d{3,4})?(?![\\p{L}\\p{N}])");
        this.corner = Pattern.compile("(?i)\\bthe corner of [^\\n.,;!?]{3,60}? and (?-i:(?:" + NUM + "|" + CAP + "))(?:[ \\t]+(?:" + CAP + "|" + NUM + "))*");
        this.maxContinuationLines = maxContinuationLines;
        this.cueWindow = cueWindow;
    }

    @Override
    public List<PiiSpan> find(String text) {
        List<int[]> found = new ArrayList<>();
        if (Patterns.containsIgnoreCase(text, "code")) {
            Matcher m = postcodeAfterCue.matcher(text);
            while (m.find()) {
                found.add(new int[] {m.start(), m.end()});
            }
        }
        // Every other pattern (and the cue clause) starts from a number or a capitalised word: most lower-case
        // tickets without digits skip them all.
        if (!Patterns.hasDigitOrCapital(text)) {
            return spans(text, found);
        }
        for (Pattern p : structural) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                found.add(new int[] {m.start(), m.end()});
            }
        }
        Matcher c = corner.matcher(text);
        while (c.find()) {
            found.add(new int[] {c.start(), trimEnd(text, c.start(), c.end())});
        }
        Matcher clause = CLAUSE.matcher(text);
        int from = 0;
        while (from < text.length() && clause.find(from)) {
            String before = text.substring(Math.max(0, clause.start() - cueWindow), clause.start());
            if (CUE.matcher(before).find()) {
                found.add(new int[] {clause.start(), trimEnd(text, clause.start(), clause.end())});
            }
            from = clause.end() > clause.start() ? clause.end() : clause.start() + 1;
        }
        return spans(text, found);
    }

    /** The found ranges, each grown over the postal lines that follow it. */
    private List<PiiSpan> spans(String text, List<int[]> found) {
        List<PiiSpan> out = new ArrayList<>();
        for (int[] f : found) {
            int end = extendOverLines(text, f[1]);
            if (end > f[0]) {
                out.add(new PiiSpan(PiiType.STREET_ADDRESS, f[0], end));
            }
        }
        return out;
    }

    /** Drops a trailing sentence dot that the CAP pattern took with the last word. */
    private static int trimEnd(String text, int start, int end) {
        while (end > start && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == ',')) {
            end--;
        }
        return end;
    }

    private int extendOverLines(String text, int end) {
        int pos = end;
        // Only a match that ends its line (bar a comma) continues onto the following lines.
        int k = pos;
        while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == ',' || text.charAt(k) == '\t')) {
            k++;
        }
        if (k >= text.length() || text.charAt(k) != '\n') {
            return sameLineTail(text, end);
        }
        for (int line = 0; line < maxContinuationLines && k < text.length() && text.charAt(k) == '\n'; line++) {
            Matcher m = CONTINUATION_LINE.matcher(text);
            // One blank line may separate the town from the country line ("Riisa\n\n Estonia 62488").
            int next = k + 1 < text.length() && text.charAt(k + 1) == '\n' && line > 0 ? k + 2 : k + 1;
            m.region(next, text.length());
            if (!m.lookingAt()) {
                break;
            }
            pos = trimEnd(text, m.start(1), m.end(1));
            k = m.end();
        }
        return pos;
    }

    private static final Pattern TAIL = Pattern.compile(
            "(?:,[ \\t]*(?:" + CAP + "|[A-Z]{2}|\\d{4,6}(?:-\\d{3,4})?)(?:[ \\t]+(?:" + CAP + "|[A-Z]{2}|\\d{4,6}(?:-\\d{3,4})?)){0,3}){1,3}");

    /** ", Springfield, IL 62704" after a street on the same line. */
    private static int sameLineTail(String text, int end) {
        Matcher m = TAIL.matcher(text);
        m.region(end, text.length());
        return m.lookingAt() ? trimEnd(text, end, m.end()) : end;
    }
}

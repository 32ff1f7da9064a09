package ai.callcenter.agent.pii;

import java.util.List;
import java.util.regex.Pattern;

/**
 * US Social Security numbers. SSNs have no check digit, so validity is structural (SSA rules):
 * area not 000, 666 or 900-999, group not 00, serial not 0000. Written with dashes or spaces
 * ("123-45-6789") they are accepted alone; nine bare digits only with an "SSN"/"social security"
 * cue just before them, because any nine-digit number would otherwise match.
 */
public final class UsSsnRecognizer implements Recognizer {

    private static final Pattern SEPARATED = Pattern.compile("(?<![\\d\\-])(\\d{3}([- ])\\d{2}\\2\\d{4})(?![\\d\\-])");
    private static final Pattern BARE_WITH_CUE = Pattern.compile(
            "(?i)(?:ssn|social security(?: number| no\\.?| #)?)\\s*(?:is|:|#)?\\s*(\\d{9})(?!\\d)");
    private static final int FIRST_INVALID_AREA = 900;
    private static final int DEVIL_AREA = 666;

    @Override
    public List<PiiSpan> find(String text) {
        // every match has ASCII digits: skip the patterns on text without one
        if (!Patterns.hasDigit(text)) {
            return List.of();
        }
        List<PiiSpan> out = new java.util.ArrayList<>(
                Patterns.matches(text, SEPARATED, 1, PiiType.US_SSN, UsSsnRecognizer::isValid));
        out.addAll(Patterns.matches(text, BARE_WITH_CUE, 1, PiiType.US_SSN, UsSsnRecognizer::isValid));
        return out;
    }

    static boolean isValid(String candidate) {
        String d = Patterns.digitsOnly(candidate);
        if (d.length() != 9) {
            return false;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != DEVIL_AREA && area < FIRST_INVALID_AREA && group != 0 && serial != 0;
    }
}

package ai.callcenter.agent.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * National identity numbers that carry a checksum, so a match is more than a digit pattern:
 * <ul>
 *   <li>Spanish DNI (8 digits + control letter) and NIE (X/Y/Z + 7 digits + letter): mod 23.</li>
 *   <li>UK NHS number (10 digits, mod 11). A random 10-digit number passes 1 time in 11 and
 *       phone numbers have 10 digits, so an "NHS" cue just before it is required.</li>
 * </ul>
 */
public final class NationalIdRecognizer implements Recognizer {

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final int DNI_MODULUS = 23;
    private static final int NHS_MODULUS = 11;
    private static final int NHS_LENGTH = 10;
    private static final Pattern DNI = Pattern.compile("(?<![\\p{L}\\p{N}])(\\d{8}-?[A-Za-z]|[XYZxyz]-?\\d{7}-?[A-Za-z])(?![\\p{L}\\p{N}])");
    private static final Pattern NHS = Pattern.compile("(?i)\\bNHS(?: (?:number|no\\.?|#))?\\s*(?:is|:)?\\s*(\\d{3}[ -]?\\d{3}[ -]?\\d{4})(?!\\d)");

    @Override
    public List<PiiSpan> find(String text) {
        // every match has ASCII digits: skip the patterns on text without one
        if (!Patterns.hasDigit(text)) {
            return List.of();
        }
        List<PiiSpan> out = new ArrayList<>(Patterns.matches(text, DNI, 1, PiiType.NATIONAL_ID, NationalIdRecognizer::isDniOrNie));
        out.addAll(Patterns.matches(text, NHS, 1, PiiType.NATIONAL_ID, NationalIdRecognizer::isNhs));
        return out;
    }

    static boolean isDniOrNie(String candidate) {
        String s = candidate.replace("-", "").toUpperCase(Locale.ROOT);
        char letter = s.charAt(s.length() - 1);
        String body = s.substring(0, s.length() - 1);
        // NIE prefixes X, Y, Z stand for 0, 1, 2 in the checksum.
        char first = body.charAt(0);
        if (first == 'X' || first == 'Y' || first == 'Z') {
            body = (first - 'X') + body.substring(1);
        }
        return DNI_LETTERS.charAt((int) (Long.parseLong(body) % DNI_MODULUS)) == letter;
    }

    static boolean isNhs(String candidate) {
        String d = Patterns.digitsOnly(candidate);
        if (d.length() != NHS_LENGTH) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < NHS_LENGTH - 1; i++) {
            // Weights run 10 down to 2 over the first nine digits.
            sum += (d.charAt(i) - '0') * (NHS_LENGTH - i);
        }
        int check = NHS_MODULUS - sum % NHS_MODULUS;
        if (check == NHS_MODULUS) {
            check = 0;
        }
        return check != NHS_LENGTH && check == d.charAt(NHS_LENGTH - 1) - '0';
    }
}

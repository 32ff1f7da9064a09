package ai.callcenter.agent.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.IBANValidator;

/**
 * IBANs, compact or printed in groups of four: the country's registered length and format
 * (commons-validator's IBAN registry) and the ISO 13616 mod-97 check digits must both hold.
 */
public final class IbanRecognizer implements Recognizer {

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])[A-Za-z]{2}\\d{2}(?:[A-Za-z0-9]{11,30}|(?: [A-Za-z0-9]{4}){2,7}(?: [A-Za-z0-9]{1,4})?)(?![\\p{L}\\p{N}])");
    /** Length of one printed group: "GB82 WEST 1234 ...". */
    private static final int GROUP = 4;
    private final IBANValidator validator = IBANValidator.getInstance();

    @Override
    public List<PiiSpan> find(String text) {
        // every match has ASCII digits: skip the patterns on text without one
        if (!Patterns.hasDigit(text)) {
            return List.of();
        }
        List<PiiSpan> out = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            int end = m.end();
            // A grouped match may have swallowed a following short word; drop trailing groups until valid.
            while (end > m.start()) {
                String candidate = text.substring(m.start(), end);
                if (isIban(candidate)) {
                    out.add(new PiiSpan(PiiType.IBAN, m.start(), end));
                    break;
                }
                int lastSpace = candidate.lastIndexOf(' ');
                if (lastSpace < 0 || candidate.length() - lastSpace - 1 > GROUP) {
                    break;
                }
                end = m.start() + lastSpace;
            }
        }
        return out;
    }

    boolean isIban(String candidate) {
        return validator.isValid(candidate.replace(" ", "").toUpperCase(Locale.ROOT));
    }
}

package ai.callcenter.agent.pii;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * Payment card numbers: 13 to 19 digits (ISO/IEC 7812 lengths), optionally grouped by single
 * spaces or dashes, that pass the Luhn checksum. A random digit string passes Luhn 1 time in 10,
 * so the length window is what keeps phone numbers (at most 12-15 digits and rarely Luhn-valid
 * at the same time) mostly out; phones are matched first by a higher-priority check anyway.
 */
public final class CreditCardRecognizer implements Recognizer {

    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;
    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\d\\-.])\\d(?:[ \\-]?\\d){12,18}(?![\\d\\-]|\\.\\d)");

    @Override
    public List<PiiSpan> find(String text) {
        // every match has ASCII digits: skip the patterns on text without one
        if (!Patterns.hasDigit(text)) {
            return List.of();
        }
        return Patterns.matches(text, CANDIDATE, 0, PiiType.CREDIT_CARD, CreditCardRecognizer::isCardNumber);
    }

    static boolean isCardNumber(String candidate) {
        String digits = Patterns.digitsOnly(candidate);
        if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS) {
            return false;
        }
        // A run of one repeated digit (e.g. 0000000000000) passes Luhn but is filler, not a card.
        if (digits.chars().distinct().count() == 1) {
            return false;
        }
        return LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits);
    }
}

package ai.callcenter.agent.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers shared by the regex-based recognisers. */
final class Patterns {

    private Patterns() {
    }

    /** Spans of every match of {@code group} of {@code pattern} whose text passes {@code check}. */
    static List<PiiSpan> matches(String text, Pattern pattern, int group, PiiType type, Predicate<String> check) {
        List<PiiSpan> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String value = m.group(group);
            if (value != null && check.test(value)) {
                out.add(new PiiSpan(type, m.start(group), m.end(group)));
            }
        }
        return out;
    }

    /** Whether the text has an ASCII digit: most recognisers' matches need one, and most tickets have none. */
    static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Whether the text contains the lower-case ASCII word in any casing, without a lower-cased copy of the text. */
    static boolean containsIgnoreCase(String text, String lowerCaseAscii) {
        for (int i = 0; i + lowerCaseAscii.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, lowerCaseAscii, 0, lowerCaseAscii.length())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text has a digit (any script) or an upper-case letter. */
    static boolean hasDigitOrCapital(String text) {
        return text.codePoints().anyMatch(c -> Character.isDigit(c) || Character.isUpperCase(c));
    }

    static String digitsOnly(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Text between {@code from} and {@code to} lower-cased, clipped to the string. */
    static String window(String text, int from, int to) {
        return text.substring(Math.max(0, from), Math.min(text.length(), to)).toLowerCase(java.util.Locale.ROOT);
    }
}

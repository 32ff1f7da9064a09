package ai.callcenter.agent.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth: a calendar date (numeric, ISO or with a month name) preceded within
 * {@code cueWindow} characters by a birth cue ("born", "date of birth", "DOB", "birthday", ...).
 * Other dates (appointments, invoice dates) are not personal data on their own and are kept.
 */
public final class DateOfBirthRecognizer implements Recognizer {

    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    private static final Pattern DATE = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(?:"
            + "\\d{4}-\\d{1,2}-\\d{1,2}"
            + "|\\d{1,2}[/.\\-]\\d{1,2}[/.\\-]\\d{2,4}"
            + "|\\d{1,2}(?:st|nd|rd|th)?(?: of)? " + MONTH + ",? \\d{4}"
            + "|" + MONTH + " \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}"
            + ")(?![\\p{L}\\p{N}])");
    private static final Pattern CUE = Pattern.compile(
            "(?i)\\b(?:born|birth|birthday|dob|d\\.o\\.b|date of birth|geboren|geb\\.|né|née|nato|nata|nacido|nacida|fecha de nacimiento)\\b");

    private final int cueWindow;

    /** @param cueWindow how many characters before the date a birth cue may start */
    public DateOfBirthRecognizer(int cueWindow) {
        this.cueWindow = cueWindow;
    }

    @Override
    public List<PiiSpan> find(String text) {
        // every match has ASCII digits: skip the patterns on text without one
        if (!Patterns.hasDigit(text)) {
            return List.of();
        }
        List<PiiSpan> out = new ArrayList<>();
        Matcher m = DATE.matcher(text);
        while (m.find()) {
            String before = text.substring(Math.max(0, m.start() - cueWindow), m.start());
            if (CUE.matcher(before).find()) {
                out.add(new PiiSpan(PiiType.DATE_OF_BIRTH, m.start(), m.end()));
            }
        }
        return out;
    }
}

package ai.callcenter.agent.pii;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.EmailValidator;

/** E-mail addresses: a permissive candidate regex, confirmed by commons-validator (RFC syntax + known TLD). */
public final class EmailRecognizer implements Recognizer {

    private static final Pattern CANDIDATE = Pattern.compile(
            "[\\p{L}\\p{N}._%+'\\-]+@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)*\\.\\p{L}{2,}");
    private final EmailValidator validator = EmailValidator.getInstance(false, false);

    @Override
    public List<PiiSpan> find(String text) {
        // an address has an @; scanning for one is far cheaper than the pattern
        if (text.indexOf('@') < 0) {
            return List.of();
        }
        return Patterns.matches(text, CANDIDATE, 0, PiiType.EMAIL, validator::isValid);
    }
}

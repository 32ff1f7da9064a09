package ai.callcenter.agent.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.DomainValidator;

/**
 * URLs with a scheme (http, https, ftp) or starting with {@code www.}; the host must end in a
 * real top-level domain (commons-validator's IANA list). Bare domains ("example.com") are not
 * matched: without a scheme they are too easily confused with file names and abbreviations.
 */
public final class UrlRecognizer implements Recognizer {

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}@.])(?:(?:https?|ftp)://|www\\.)[^\\s<>\"'`]+");
    private static final Pattern HOST = Pattern.compile("(?i)^(?:(?:https?|ftp)://)?(?:[^@/]*@)?([^/:?#]+)");
    /** Sentence punctuation that ends a URL in running text rather than belonging to it. */
    private static final String TRAILING = ".,;:!?)]}";
    private final DomainValidator domains = DomainValidator.getInstance();

    @Override
    public List<PiiSpan> find(String text) {
        // a match starts with a scheme's "://" or "www."
        if (text.indexOf("://") < 0 && !Patterns.containsIgnoreCase(text, "www.")) {
            return List.of();
        }
        List<PiiSpan> out = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            int end = m.end();
            while (end > m.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            String url = text.substring(m.start(), end);
            Matcher host = HOST.matcher(url);
            if (host.find() && domains.isValid(host.group(1).toLowerCase(Locale.ROOT))) {
                out.add(new PiiSpan(PiiType.URL, m.start(), end));
            }
        }
        return out;
    }
}

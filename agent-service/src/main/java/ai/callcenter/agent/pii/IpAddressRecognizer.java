package ai.callcenter.agent.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.InetAddressValidator;

/** IPv4 and IPv6 addresses; candidates are confirmed by commons-validator's InetAddressValidator. */
public final class IpAddressRecognizer implements Recognizer {

    private static final Pattern V4 = Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?!\\.?\\d)");
    private static final Pattern V6 = Pattern.compile(
            "(?<![\\p{L}\\p{N}:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\\d{1,3}\\.){3}\\d{1,3})?(?![\\p{L}\\p{N}:])");
    private final InetAddressValidator validator = InetAddressValidator.getInstance();

    @Override
    public List<PiiSpan> find(String text) {
        // IPv4 needs digits, IPv6 colons: skip the patterns on text without them
        if (text.indexOf(':') < 0 && !Patterns.hasDigit(text)) {
            return List.of();
        }
        List<PiiSpan> out = new ArrayList<>(Patterns.matches(text, V4, 0, PiiType.IP_ADDRESS, validator::isValidInet4Address));
        out.addAll(Patterns.matches(text, V6, 0, PiiType.IP_ADDRESS, validator::isValidInet6Address));
        return out;
    }
}

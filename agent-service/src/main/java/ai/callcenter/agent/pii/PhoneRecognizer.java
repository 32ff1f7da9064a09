package ai.callcenter.agent.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Phone numbers via libphonenumber's {@code findNumbers}, once per configured default region
 * (numbers written in national format only parse against their own region; numbers with a
 * {@code +} prefix parse under any region). Without a cue a number must be VALID for its region
 * (right length and an assigned prefix); right after a cue such as "phone:", "call me at",
 * "mobile" a merely POSSIBLE number (plausible length) is accepted, which catches short local
 * numbers like "451 5986" without matching every house number or year in running text.
 */
public final class PhoneRecognizer implements Recognizer {

    private static final Pattern CUE = Pattern.compile(
            "(?i)(?:phone|tel(?:ephone)?|mobile|cell|fax|desk|office|call(?: me)?(?: at| on)?|text me(?: at| on)?|whatsapp|number|contact|reach me(?: at| on)?|ph|mob)\\.?\\s*(?:is|:|#|no\\.?|number)?\\s*[:\\-]?\\s*$");
    /** Upper bound libphonenumber may spend per region and text; generous for ticket-sized texts. */
    private static final long MAX_TRIES = Long.MAX_VALUE;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final List<String> regions;
    private final int cueWindow;
    private final int minDigits;

    /**
     * @param regions   ISO 3166 default regions to try, e.g. US, GB, DE
     * @param cueWindow how many characters before a number a cue may start
     * @param minDigits fewest digits a phone number may have; several numbering plans accept
     *                  4-6 digit short numbers, which in text are mostly house numbers and postcodes
     */
    public PhoneRecognizer(List<String> regions, int cueWindow, int minDigits) {
        this.regions = List.copyOf(regions);
        this.cueWindow = cueWindow;
        this.minDigits = minDigits;
    }

    @Override
    public List<PiiSpan> find(String text) {
        // A match needs minDigits digits of its own, so a text with fewer has no phone number; most
        // tickets have none, and this skips one libphonenumber scan per configured region.
        if (Patterns.digitsOnly(text).length() < minDigits) {
            return List.of();
        }
        // Several regions usually find the same number: keep each span once.
        java.util.Set<PiiSpan> out = new java.util.LinkedHashSet<>();
        for (String region : regions) {
            // One POSSIBLE pass per region; VALID is then checked on the parsed number, which is
            // what Leniency.VALID does internally, at half the cost of a second scan.
            for (PhoneNumberMatch m : util.findNumbers(text, region, Leniency.POSSIBLE, MAX_TRIES)) {
                if (Patterns.digitsOnly(m.rawString()).length() < minDigits) {
                    continue;
                }
                if (util.isValidNumber(m.number()) || hasCue(text, m.start())) {
                    out.add(new PiiSpan(PiiType.PHONE, m.start(), m.end()));
                }
            }
        }
        return new ArrayList<>(out);
    }

    private boolean hasCue(String text, int start) {
        String before = text.substring(Math.max(0, start - cueWindow), start);
        return CUE.matcher(before).find();
    }
}

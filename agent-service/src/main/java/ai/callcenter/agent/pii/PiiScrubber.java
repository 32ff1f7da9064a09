package ai.callcenter.agent.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every recogniser, keeps a non-overlapping set of spans and replaces each by its typed
 * placeholder. Overlaps are settled by {@link #PRIORITY}: values confirmed by a checksum or a
 * strict syntax win over heuristic ones (an e-mail's local part often contains a person's name,
 * a URL a company name); a structurally matched address wins over a phone number, because house
 * numbers and postcodes often parse as short national numbers somewhere; within one type the longer
 * span wins. Never logs values: callers may log {@link ScrubResult#toString()}.
 */
public final class PiiScrubber {

    /** Resolution order, strongest evidence first. */
    static final List<PiiType> PRIORITY = List.of(
            PiiType.EMAIL, PiiType.URL, PiiType.IBAN, PiiType.CREDIT_CARD, PiiType.US_SSN, PiiType.NATIONAL_ID,
            PiiType.IP_ADDRESS, PiiType.DATE_OF_BIRTH, PiiType.STREET_ADDRESS, PiiType.PHONE, PiiType.PERSON);

    private final List<Recognizer> recognizers;

    public PiiScrubber(List<Recognizer> recognizers) {
        this.recognizers = List.copyOf(recognizers);
    }

    /** Detected spans after overlap resolution, sorted by start offset. */
    public List<PiiSpan> detect(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<PiiSpan> candidates = new ArrayList<>();
        for (Recognizer r : recognizers) {
            candidates.addAll(r.find(text));
        }
        candidates.sort(Comparator.<PiiSpan>comparingInt(s -> PRIORITY.indexOf(s.type()))
                .thenComparing(Comparator.comparingInt(PiiSpan::length).reversed())
                .thenComparingInt(PiiSpan::start));
        List<PiiSpan> accepted = new ArrayList<>();
        for (PiiSpan c : candidates) {
            if (accepted.stream().noneMatch(c::overlaps)) {
                accepted.add(c);
            }
        }
        accepted.sort(Comparator.comparingInt(PiiSpan::start));
        return accepted;
    }

    public ScrubResult scrub(String text) {
        List<PiiSpan> spans = detect(text);
        if (spans.isEmpty()) {
            return new ScrubResult(text == null ? "" : text, Set.of(), List.of());
        }
        StringBuilder out = new StringBuilder(text.length());
        Set<PiiType> types = EnumSet.noneOf(PiiType.class);
        int pos = 0;
        for (PiiSpan s : spans) {
            out.append(text, pos, s.start()).append(s.type().placeholder());
            types.add(s.type());
            pos = s.end();
        }
        out.append(text, pos, text.length());
        return new ScrubResult(out.toString(), types, spans);
    }
}

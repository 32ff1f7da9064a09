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

    /** Fewest words (runs of letters) in a model-only address. */
    static final int MODEL_ONLY_ADDRESS_WORDS = 2;
    private static final java.util.regex.Pattern WORDS = java.util.regex.Pattern.compile("\\p{L}+");

    private final List<Recognizer> recognizers;
    private final List<Recognizer> models;

    public PiiScrubber(List<Recognizer> recognizers) {
        this(recognizers, List.of());
    }

    /**
     * @param recognizers rule recognisers (checksums, syntax, gazetteers, context), resolved by {@link #PRIORITY}
     * @param models      statistical recognisers, applied after the rules: a model span never
     *                    overrides a rule span of another type (it is cut around it) and it
     *                    extends a rule span of its own type that it overlaps
     */
    public PiiScrubber(List<Recognizer> recognizers, List<Recognizer> models) {
        this.recognizers = List.copyOf(recognizers);
        this.models = List.copyOf(models);
    }

    /** Whether the statistical name finders are loaded (without them names and addresses are found by rules only). */
    public boolean usesNameModels() {
        return !models.isEmpty();
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
        for (Recognizer model : models) {
            for (PiiSpan m : model.find(text)) {
                for (PiiSpan piece : outside(text, m, accepted)) {
                    if (supported(text, piece, accepted)) {
                        accepted = mergeSameType(piece, accepted);
                    }
                }
            }
        }
        accepted.sort(Comparator.comparingInt(PiiSpan::start));
        return accepted;
    }

    /** The parts of a model span not covered by accepted spans of another type, trimmed of spaces. */
    private static List<PiiSpan> outside(String text, PiiSpan m, List<PiiSpan> accepted) {
        List<PiiSpan> others = accepted.stream().filter(a -> a.type() != m.type() && a.overlaps(m))
                .sorted(Comparator.comparingInt(PiiSpan::start)).toList();
        List<PiiSpan> pieces = new ArrayList<>();
        int from = m.start();
        for (PiiSpan o : others) {
            addPiece(text, m.type(), from, Math.min(o.start(), m.end()), pieces);
            from = Math.max(from, o.end());
        }
        addPiece(text, m.type(), from, m.end(), pieces);
        return pieces;
    }

    private static void addPiece(String text, PiiType type, int start, int end, List<PiiSpan> out) {
        while (start < end && !Character.isLetterOrDigit(text.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            out.add(new PiiSpan(type, start, end));
        }
    }

    /**
     * A model address that extends no rule address must hold at least {@link #MODEL_ONLY_ADDRESS_WORDS}
     * words: the model, trained on synthetic English-template text, reads "Nummer 7" or "Bestellung 12345"
     * (a capitalised word and a number) or a lone number as an address; real addresses the rules miss
     * are longer ("Rua Diadema 1903 Apt. 4", "Barra de Carrasco 15000").
     */
    private static boolean supported(String text, PiiSpan piece, List<PiiSpan> accepted) {
        if (piece.type() != PiiType.STREET_ADDRESS) {
            return true;
        }
        for (PiiSpan a : accepted) {
            if (a.type() == piece.type() && a.overlaps(piece)) {
                return true;
            }
        }
        return WORDS.matcher(text.substring(piece.start(), piece.end())).results().count() >= MODEL_ONLY_ADDRESS_WORDS;
    }

    /** Adds a span, merged with the accepted spans of its type that it overlaps. */
    private static List<PiiSpan> mergeSameType(PiiSpan piece, List<PiiSpan> accepted) {
        int start = piece.start();
        int end = piece.end();
        List<PiiSpan> out = new ArrayList<>(accepted.size() + 1);
        for (PiiSpan a : accepted) {
            if (a.type() == piece.type() && a.overlaps(piece)) {
                start = Math.min(start, a.start());
                end = Math.max(end, a.end());
            } else {
                out.add(a);
            }
        }
        out.add(new PiiSpan(piece.type(), start, end));
        return out;
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

package ai.callcenter.tools.pii;

import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.pii.PiiSpan;
import ai.callcenter.agent.pii.PiiType;
import ai.callcenter.agent.pii.PresidioDataset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token-level scoring of the scrubber against presidio-research gold spans.
 * <p>Tokens are maximal runs of letters and digits; punctuation is not scored. A token's gold
 * label is the (mapped) type of the gold span covering it, else O; its predicted label is the
 * type of the detected span covering it, else O. Tokens inside gold spans of UNSUPPORTED types
 * are excluded from scoring altogether (neither gold nor prediction counts there).
 * <ul>
 *   <li>per type T (type-strict): TP gold=T and pred=T; FP pred=T and gold≠T; FN gold=T and pred≠T;
 *       the overall row is the micro-average over types;</li>
 *   <li>type-agnostic "any PII" row, as presidio-research's pii_precision/pii_recall: TP gold≠O
 *       and pred≠O; FP pred≠O and gold=O; FN gold≠O and pred=O.</li>
 * </ul>
 */
public final class PiiEvaluation {

    /** Dataset type to our type; ZIP_CODE is scored as part of a street address. */
    public static final Map<String, PiiType> MAPPING = Map.of(
            "PERSON", PiiType.PERSON,
            "STREET_ADDRESS", PiiType.STREET_ADDRESS,
            "ZIP_CODE", PiiType.STREET_ADDRESS,
            "CREDIT_CARD", PiiType.CREDIT_CARD,
            "PHONE_NUMBER", PiiType.PHONE,
            "EMAIL_ADDRESS", PiiType.EMAIL,
            "DOMAIN_NAME", PiiType.URL,
            "IBAN_CODE", PiiType.IBAN,
            "US_SSN", PiiType.US_SSN,
            "IP_ADDRESS", PiiType.IP_ADDRESS);
    /** Dataset types we do not detect; excluded from gold and predictions (see docs/pii.md). */
    public static final List<String> UNSUPPORTED = List.of("GPE", "ORGANIZATION", "TITLE", "NRP", "AGE", "DATE_TIME", "US_DRIVER_LICENSE");

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final String ANY = "any PII (type-agnostic)";
    private static final String MICRO = "overall (type-strict micro)";

    public static final class Counts {
        public long tp;
        public long fp;
        public long fn;

        public double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** Token errors of one sample, for error analysis on the TRAIN split. */
    public record TokenError(String token, String gold, String predicted) {
    }

    public record Report(Map<PiiType, Counts> perType, Counts overall, Counts anyPii, int samples, long excludedTokens) {

        public String table(String title) {
            StringBuilder b = new StringBuilder();
            b.append(title).append(" (").append(samples).append(" sentences; ").append(excludedTokens)
                    .append(" tokens of unsupported types excluded)\n");
            b.append(String.format(Locale.ROOT, "| %-28s | %6s | %6s | %6s | %6s | %6s | %6s |%n", "type", "P", "R", "F1", "TP", "FP", "FN"));
            b.append("|------------------------------|--------|--------|--------|--------|--------|--------|\n");
            perType.forEach((t, c) -> row(b, t.name(), c));
            row(b, MICRO, overall);
            row(b, ANY, anyPii);
            return b.toString();
        }

        private static void row(StringBuilder b, String name, Counts c) {
            b.append(String.format(Locale.ROOT, "| %-28s | %6.3f | %6.3f | %6.3f | %6d | %6d | %6d |%n",
                    name, c.precision(), c.recall(), c.f1(), c.tp, c.fp, c.fn));
        }
    }

    private PiiEvaluation() {
    }

    public static Report evaluate(PiiScrubber scrubber, List<PresidioDataset.Sample> samples, List<String> errorsOut) {
        Map<PiiType, Counts> perType = new EnumMap<>(PiiType.class);
        Counts any = new Counts();
        long excluded = 0;
        for (PresidioDataset.Sample s : samples) {
            List<PiiSpan> predicted = scrubber.detect(s.text());
            List<TokenError> errors = new ArrayList<>();
            Matcher m = TOKEN.matcher(s.text());
            while (m.find()) {
                String goldRaw = goldAt(s, m.start(), m.end());
                if (goldRaw != null && !MAPPING.containsKey(goldRaw)) {
                    excluded++;
                    continue;
                }
                PiiType gold = goldRaw == null ? null : MAPPING.get(goldRaw);
                PiiType pred = predictedAt(predicted, m.start(), m.end());
                if (gold != null && gold == pred) {
                    perType.computeIfAbsent(gold, k -> new Counts()).tp++;
                } else {
                    if (gold != null) {
                        perType.computeIfAbsent(gold, k -> new Counts()).fn++;
                    }
                    if (pred != null) {
                        perType.computeIfAbsent(pred, k -> new Counts()).fp++;
                    }
                    errors.add(new TokenError(m.group(), String.valueOf(gold), String.valueOf(pred)));
                }
                if (gold != null && pred != null) {
                    any.tp++;
                } else if (gold != null) {
                    any.fn++;
                } else if (pred != null) {
                    any.fp++;
                }
            }
            if (errorsOut != null && !errors.isEmpty()) {
                errorsOut.add("T" + s.templateId() + " " + errors + "\n    " + s.text().replace("\n", "\\n")
                        + "\n    => " + scrubber.scrub(s.text()).text().replace("\n", "\\n"));
            }
        }
        Counts overall = new Counts();
        perType.values().forEach(c -> {
            overall.tp += c.tp;
            overall.fp += c.fp;
            overall.fn += c.fn;
        });
        return new Report(perType, overall, any, samples.size(), excluded);
    }

    private static String goldAt(PresidioDataset.Sample s, int start, int end) {
        for (PresidioDataset.GoldSpan g : s.spans()) {
            if (g.start() < end && start < g.end()) {
                return g.type();
            }
        }
        return null;
    }

    private static PiiType predictedAt(List<PiiSpan> spans, int start, int end) {
        for (PiiSpan p : spans) {
            if (p.start() < end && start < p.end()) {
                return p.type();
            }
        }
        return null;
    }
}

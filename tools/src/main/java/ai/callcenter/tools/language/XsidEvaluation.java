package ai.callcenter.tools.language;

import ai.callcenter.agent.language.DetectedLanguage;
import ai.callcenter.agent.language.LanguageDetector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Language-ID accuracy on xSID (xsid-0.7_valid_test.jsonl). STRICT languages are the standard
 * written languages lingua 1.2.2 supports, scored against their own ISO code, with two family
 * rules: Norwegian Bokmål ({@code no-B}) counts as correct for Bokmål or Nynorsk, and Serbian
 * "sr" (Latin script in xSID, while lingua's Serbian model is Cyrillic) counts as correct for sr,
 * hr or bs, i.e. the BCMS family {@code LanguageDetector.family(..) == "sh"};
 * {@link Report#ownCodeOnly} reports the figure without the Serbian rule. VARIETIES lingua has no
 * model for (Bavarian de-ba and de-muc, South Tyrolean de-st, Swiss German gsw, Neapolitan nap, and
 * the Norwegian dialect transcriptions of the NoMusic part, {@code no-N}, {@code no-T}, {@code no-V})
 * are scored LENIENTLY against the closest supported standard language in a separate table.
 * Norwegian rows are named by the dataset's own {@code dialect} field: B is written in Bokmål, N, T
 * and V are written the way speakers from Northern Norway, Trøndelag and Western Norway speak.
 * {@link Report#withDialectsMicro} pools the dialect rows into the strict figure, as this bench did
 * before it read that field.
 */
public final class XsidEvaluation {

    public static final String RELATIVE_PATH = "xsid/xsid-0.7_valid_test.jsonl";
    /** Norwegian sentences are keyed "no-" + the dataset's dialect field (B, N, T, V). */
    static final String NORWEGIAN_PREFIX = "no-";
    /** Bokmål or Nynorsk: the answers that count for any Norwegian row. */
    private static final Set<String> NORWEGIAN = Set.of("nb", "nn");

    public static final Map<String, Set<String>> STRICT = Map.ofEntries(
            Map.entry("ar", Set.of("ar")), Map.entry("da", Set.of("da")), Map.entry("de", Set.of("de")),
            Map.entry("en", Set.of("en")), Map.entry("id", Set.of("id")), Map.entry("it", Set.of("it")),
            Map.entry("ja", Set.of("ja")), Map.entry("kk", Set.of("kk")), Map.entry("lt", Set.of("lt")),
            Map.entry("nl", Set.of("nl")), Map.entry(NORWEGIAN_PREFIX + "B", NORWEGIAN), Map.entry("sr", Set.of("sr", "hr", "bs")),
            Map.entry("tr", Set.of("tr")), Map.entry("zh", Set.of("zh")));
    public static final Map<String, Set<String>> VARIETIES = Map.of(
            "de-ba", Set.of("de"), "de-muc", Set.of("de"), "de-st", Set.of("de"), "gsw", Set.of("de"), "nap", Set.of("it"),
            NORWEGIAN_PREFIX + "N", NORWEGIAN, NORWEGIAN_PREFIX + "T", NORWEGIAN, NORWEGIAN_PREFIX + "V", NORWEGIAN);

    public record Row(String lang, int total, int correct, int ownCode, Map<String, Integer> confusions) {
        public double accuracy() {
            return total == 0 ? 0 : (double) correct / total;
        }
    }

    public record Report(Map<String, Row> strict, Map<String, Row> varieties) {

        /** Accuracy over all strict sentences pooled (Norwegian has 11x more sentences than others). */
        public double strictMicro() {
            return pooled(strict.values(), Row::correct);
        }

        /** Pooled accuracy when Serbian must be detected as sr itself (no BCMS family rule). */
        public double ownCodeOnly() {
            return pooled(strict.values(), r -> r.lang().equals("sr") ? r.ownCode() : r.correct());
        }

        /** Pooled accuracy when the Norwegian dialect rows count as strict Norwegian too (the figure this bench reported before it read the dialect field). */
        public double withDialectsMicro() {
            List<Row> rows = new ArrayList<>(strict.values());
            varieties.values().stream().filter(r -> r.lang().startsWith(NORWEGIAN_PREFIX)).forEach(rows::add);
            return pooled(rows, Row::correct);
        }

        /** Correct sentences over all sentences of the rows, counting correct ones as {@code correct} says. */
        private static double pooled(java.util.Collection<Row> rows, java.util.function.ToIntFunction<Row> correct) {
            int t = rows.stream().mapToInt(Row::total).sum();
            int c = rows.stream().mapToInt(correct).sum();
            return t == 0 ? 0 : (double) c / t;
        }

        /** Mean of per-language accuracies: each strict language weighs the same. */
        public double strictMacro() {
            return strict.values().stream().mapToDouble(Row::accuracy).average().orElse(0);
        }

        public String table() {
            StringBuilder b = new StringBuilder("| lang | expected | sentences | correct | accuracy | most frequent errors |\n|---|---|---|---|---|---|\n");
            strict.forEach((k, r) -> row(b, r, STRICT.get(k)));
            b.append(String.format(Locale.ROOT, "| **strict, micro** | | %d | %d | **%.4f** | |%n",
                    strict.values().stream().mapToInt(Row::total).sum(), strict.values().stream().mapToInt(Row::correct).sum(), strictMicro()));
            b.append(String.format(Locale.ROOT, "| **strict, macro** | | | | **%.4f** | |%n", strictMacro()));
            b.append(String.format(Locale.ROOT, "| strict, micro, sr only as sr | | | | %.4f | |%n", ownCodeOnly()));
            b.append(String.format(Locale.ROOT, "| strict + Norwegian dialects (no-N/T/V) as Norwegian, micro | | | | %.4f | |%n", withDialectsMicro()));
            b.append("\nVarieties without a lingua model (lenient: scored as the closest standard language)\n\n");
            b.append("| lang | counted as | sentences | correct | accuracy | most frequent answers when not |\n|---|---|---|---|---|---|\n");
            varieties.forEach((k, r) -> row(b, r, VARIETIES.get(k)));
            return b.toString();
        }

        private static void row(StringBuilder b, Row r, Set<String> expected) {
            String errs = r.confusions().entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(3)
                    .map(e -> e.getKey() + " " + e.getValue()).reduce((x, y) -> x + ", " + y).orElse("");
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.4f | %s |%n", r.lang(), String.join("/", new java.util.TreeSet<>(expected)),
                    r.total(), r.correct(), r.accuracy(), errs));
        }
    }

    public record Sentence(String lang, String split, String text) {
    }

    private XsidEvaluation() {
    }

    public static List<Sentence> load(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Sentence> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode n = mapper.readTree(line);
                String lang = n.get("lang").asText();
                if (lang.equals("no")) {
                    lang = NORWEGIAN_PREFIX + n.path("dialect").asText("?");
                }
                out.add(new Sentence(lang, n.get("split").asText(), n.get("text").asText()));
            }
        }
        return out;
    }

    public static Report evaluate(LanguageDetector detector, List<Sentence> sentences) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Map<String, Integer>> confusions = new TreeMap<>();
        for (Sentence s : sentences) {
            Set<String> expected = STRICT.containsKey(s.lang()) ? STRICT.get(s.lang()) : VARIETIES.get(s.lang());
            if (expected == null) {
                continue;
            }
            DetectedLanguage d = detector.detect(s.text());
            int[] c = counts.computeIfAbsent(s.lang(), k -> new int[3]);
            c[0]++;
            if (s.lang().equals(d.isoCode())) {
                c[2]++;
            }
            if (expected.contains(d.isoCode())) {
                c[1]++;
            } else {
                confusions.computeIfAbsent(s.lang(), k -> new TreeMap<>()).merge(d.isoCode(), 1, Integer::sum);
            }
        }
        Map<String, Row> strict = new TreeMap<>();
        Map<String, Row> varieties = new TreeMap<>();
        counts.forEach((lang, c) -> {
            Row r = new Row(lang, c[0], c[1], c[2], confusions.getOrDefault(lang, Map.of()));
            (STRICT.containsKey(lang) ? strict : varieties).put(lang, r);
        });
        return new Report(strict, varieties);
    }
}

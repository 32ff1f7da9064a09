package ai.callcenter.agent.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * presidio-research's synth_dataset_v2.json (the name finders' training data, and the PII benchmark's), with a fixed split by template: a sentence is in
 * the held-out TEST split when {@code template_id % HELD_OUT_MODULUS == 0}, else in TRAIN.
 * Splitting by template keeps sentences generated from one template on one side only.
 */
public final class PresidioDataset {

    /** One template in three is held out (about a third of the sentences). */
    public static final int HELD_OUT_MODULUS = 3;
    public static final String RELATIVE_PATH = "presidio-synth-pii/synth_dataset_v2.json";

    public enum Split { TRAIN, TEST, ALL }

    public record GoldSpan(String type, int start, int end) {
    }

    public record Sample(String text, List<GoldSpan> spans, int templateId) {

        public boolean in(Split split) {
            return in(split, templateId);
        }

        static boolean in(Split split, int templateId) {
            boolean test = templateId % HELD_OUT_MODULUS == 0;
            return split == Split.ALL || (split == Split.TEST) == test;
        }
    }

    private PresidioDataset() {
    }

    public static List<Sample> load(Path file) throws IOException {
        return load(file, Split.ALL);
    }

    /** The samples of one split; the other split's sentences are skipped while reading. */
    public static List<Sample> load(Path file, Split split) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        if (!root.isArray() || root.isEmpty() || !root.get(0).has("template_id") || !root.get(0).has("full_text")
                || !root.get(0).has("spans")) {
            throw new IllegalArgumentException(file + " is not a presidio synthetic dataset (a JSON array of {full_text, spans, template_id})");
        }
        List<Sample> out = new ArrayList<>();
        for (JsonNode n : root) {
            if (!Sample.in(split, n.get("template_id").asInt())) {
                continue;
            }
            List<GoldSpan> spans = new ArrayList<>();
            for (JsonNode s : n.get("spans")) {
                spans.add(new GoldSpan(s.get("entity_type").asText(), s.get("start_position").asInt(), s.get("end_position").asInt()));
            }
            out.add(new Sample(n.get("full_text").asText(), List.copyOf(spans), n.get("template_id").asInt()));
        }
        return out;
    }

    /**
     * How people who do not capitalise names type: everything lower-case, or lower-case with the
     * first letter of each sentence capitalised (what a phone keyboard does). The gold spans stay
     * valid because the offsets do; samples whose length a case change would alter are left out.
     */
    public enum Typing {
        LOWER_CASE, SENTENCE_CASE;

        public String apply(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (this == LOWER_CASE) {
                return lower;
            }
            StringBuilder b = new StringBuilder(lower);
            Matcher m = SENTENCE_START.matcher(lower);
            while (m.find()) {
                b.setCharAt(m.end() - 1, Character.toUpperCase(lower.charAt(m.end() - 1)));
            }
            return b.toString();
        }
    }

    private static final Pattern SENTENCE_START = Pattern.compile("(^|[.!?]\\s+)\\p{Ll}");

    /** The samples retyped in the given style (see {@link Typing}). */
    public static List<Sample> retyped(List<Sample> samples, Typing typing) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            String text = typing.apply(s.text());
            if (text.length() == s.text().length()) {
                out.add(new Sample(text, s.spans(), s.templateId()));
            }
        }
        return out;
    }
}

package ai.callcenter.agent.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the TRAIN templates of presidio-research's synth_dataset_v2.json for the name-finder model.
 * The split is fixed by template, exactly as the benchmark's: a sentence whose
 * {@code template_id % HELD_OUT_MODULUS == 0} is held out and is never read here.
 */
public final class PresidioTrainingData {

    /** Same constant as the benchmark's split (asserted by a test): one template in three is held out. */
    public static final int HELD_OUT_MODULUS = 3;

    /** A gold span in dataset terms (entity_type, character offsets). */
    public record Entity(String type, int start, int end) {
    }

    /** One training sentence with its gold entities. */
    public record Sentence(String text, List<Entity> entities, int templateId) {
    }

    private PresidioTrainingData() {
    }

    public static boolean isTrainTemplate(int templateId) {
        return templateId % HELD_OUT_MODULUS != 0;
    }

    /** The TRAIN-template sentences of the file; held-out templates are skipped while reading. */
    public static List<Sentence> trainSentences(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        if (!root.isArray() || root.isEmpty() || !root.get(0).has("template_id") || !root.get(0).has("full_text") || !root.get(0).has("spans")) {
            throw new IllegalArgumentException(file + " is not a presidio synthetic dataset (a JSON array of {full_text, spans, template_id})");
        }
        List<Sentence> out = new ArrayList<>();
        for (JsonNode n : root) {
            int template = n.get("template_id").asInt();
            if (!isTrainTemplate(template)) {
                continue;
            }
            List<Entity> entities = new ArrayList<>();
            for (JsonNode s : n.get("spans")) {
                entities.add(new Entity(s.get("entity_type").asText(), s.get("start_position").asInt(), s.get("end_position").asInt()));
            }
            out.add(new Sentence(n.get("full_text").asText(), List.copyOf(entities), template));
        }
        return out;
    }

    /**
     * The sentences lower-cased (root locale), entities unchanged; a sentence whose length would
     * change (a few letters lower-case to two characters) is left out, so every offset stays valid.
     */
    public static List<Sentence> lowerCased(List<Sentence> sentences) {
        List<Sentence> out = new ArrayList<>();
        for (Sentence s : sentences) {
            String lower = s.text().toLowerCase(Locale.ROOT);
            if (lower.length() == s.text().length()) {
                out.add(new Sentence(lower, s.entities(), s.templateId()));
            }
        }
        return out;
    }
}

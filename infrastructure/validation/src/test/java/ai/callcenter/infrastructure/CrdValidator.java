package ai.callcenter.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates custom resources with crd-validator/validate.mjs (Node.js): the CRDs' published schemas
 * through the @kubernetes-models packages, plus TypeScript excess-property checks for unknown fields.
 */
public final class CrdValidator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CrdValidator() {
    }

    public static Path dir() {
        return Infra.root().resolve("validation/crd-validator");
    }

    /** Problems per object id (kind/name); objects without problems are absent. */
    public static Map<String, List<String>> validate(List<Map<String, Object>> objects) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        if (objects.isEmpty()) {
            return problems;
        }
        Path node = Infra.require("node", "NODE_BIN", "Node.js is needed for CRD schema validation.");
        if (!Files.isDirectory(dir().resolve("node_modules/@kubernetes-models"))) {
            String message = "CRD schemas not installed: run infrastructure/scripts/ci-setup.sh (npm ci in " + dir() + ")";
            if (Infra.inCi()) {
                Assertions.fail(message);
            }
            org.junit.jupiter.api.Assumptions.abort(message + " [skipped outside CI]");
        }
        try {
            Path input = Files.createTempFile(Infra.workDir(), "crd-objects", ".json");
            try {
                JSON.writeValue(input.toFile(), objects);
                var result = Infra.run(dir(), List.of(node.toString(), "validate.mjs", input.toString()));
                if (result.exitCode() != 0) {
                    Assertions.fail("crd-validator crashed: " + result.describe());
                }
                JsonNode out = JSON.readTree(result.stdout());
                if (out.size() != objects.size()) {
                    Assertions.fail("crd-validator returned " + out.size() + " results for " + objects.size() + " objects");
                }
                for (JsonNode r : out) {
                    if (r.get("errors").size() > 0) {
                        List<String> errors = new ArrayList<>();
                        r.get("errors").forEach(e -> errors.add(e.asText()));
                        problems.put(K8s.id(objects.get(r.get("index").asInt())), errors);
                    }
                }
            } finally {
                Files.deleteIfExists(input);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return problems;
    }
}

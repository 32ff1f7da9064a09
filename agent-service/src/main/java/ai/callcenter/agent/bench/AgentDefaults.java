package ai.callcenter.agent.bench;

import ai.callcenter.agent.config.LanguageProperties;
import ai.callcenter.agent.pii.PiiOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The service defaults read from application.yaml on the classpath, so that benchmarks and
 * tests measure exactly what the service runs with (one source of truth for the settings).
 */
public final class AgentDefaults {

    private final Map<String, Object> pii;
    private final Map<String, Object> language;

    @SuppressWarnings("unchecked")
    private AgentDefaults() {
        try (InputStream in = AgentDefaults.class.getClassLoader().getResourceAsStream("application.yaml")) {
            Map<String, Object> root = new Yaml().load(in);
            Map<String, Object> callcenter = (Map<String, Object>) root.get("callcenter");
            this.pii = (Map<String, Object>) callcenter.get("pii");
            this.language = (Map<String, Object>) callcenter.get("language");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AgentDefaults load() {
        return new AgentDefaults();
    }

    public PiiOptions piiOptions() {
        return new PiiOptions(strings(pii.get("phone-regions")), ((Number) pii.get("phone-min-digits")).intValue(),
                strings(pii.get("name-locales")), ((Number) pii.get("cue-window")).intValue(),
                ((Number) pii.get("person-max-tokens")).intValue(), ((Number) pii.get("address-max-lines")).intValue(),
                String.valueOf(pii.getOrDefault("name-model-training-data", "")), String.valueOf(pii.getOrDefault("name-model-cache-dir", "")),
                String.valueOf(pii.getOrDefault("name-model-dir", "")));
    }

    /** The {@code callcenter.language.*} settings, as the service binds them. */
    public LanguageProperties language() {
        return new LanguageProperties(strings(language.get("languages")), (Boolean) language.get("low-accuracy-mode"),
                ((Number) language.get("minimum-relative-distance")).doubleValue(), ((Number) language.get("max-characters")).intValue());
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }
}

package ai.callcenter.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Strict deserialisation of built-in Kubernetes objects with the official Java client's models.
 *
 * <p>Two layers, because either alone lets mistakes through:
 * <ol>
 *   <li>client-java's Gson type adapters ({@code validateJsonElement}) reject unknown fields,
 *       missing required fields and structural type errors (object vs array vs primitive);</li>
 *   <li>Gson itself is lenient with scalars ({@code "8000"} becomes 8000, {@code "yes"} becomes
 *       {@code false}) and silently ignores fields it does not know in some maps, so the decoded
 *       object is serialised again and compared with the input: a field that was dropped or a
 *       scalar whose JSON type changed (string to number or boolean) is an error too.</li>
 * </ol>
 */
public final class StrictKubernetesDecoder {

    /** Built-in API groups this project uses, mapped to the client-java model class prefix. */
    private static final Set<String> BUILT_IN_GROUPS = Set.of(
            "", "apps", "autoscaling", "policy", "networking.k8s.io", "scheduling.k8s.io",
            "rbac.authorization.k8s.io", "batch", "storage.k8s.io");

    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final JSON CLIENT_JSON = new JSON();

    private StrictKubernetesDecoder() {
    }

    public static boolean isBuiltIn(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return BUILT_IN_GROUPS.contains(group);
    }

    /** The client-java model class for an object's apiVersion and kind, e.g. apps/v1 Deployment -> V1Deployment. */
    public static Class<?> modelClass(String apiVersion, String kind) {
        String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
        String className = "io.kubernetes.client.openapi.models."
                + version.substring(0, 1).toUpperCase(Locale.ROOT) + version.substring(1) + kind;
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("client-java has no model for " + apiVersion + " " + kind
                    + " (looked for " + className + "): unknown kind or API version");
        }
    }

    /** Returns the problems found; an empty list means the object decoded strictly and losslessly. */
    public static List<String> validate(Map<String, Object> object) {
        List<String> problems = new ArrayList<>();
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String kind = String.valueOf(object.get("kind"));
        Class<?> type;
        try {
            type = modelClass(apiVersion, kind);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return problems;
        }
        String json;
        try {
            json = JACKSON.writeValueAsString(object);
        } catch (Exception e) {
            problems.add("cannot serialise to JSON: " + e);
            return problems;
        }
        Object decoded;
        try {
            decoded = CLIENT_JSON.deserialize(json, type);
        } catch (RuntimeException e) {
            problems.add(type.getSimpleName() + ": " + rootMessage(e));
            return problems;
        }
        JsonElement original = JsonParser.parseString(json);
        JsonElement roundTrip = JsonParser.parseString(CLIENT_JSON.serialize(decoded));
        compare("", original, roundTrip, problems);
        return problems;
    }

    private static void compare(String path, JsonElement original, JsonElement roundTrip, List<String> problems) {
        if (original == null || original.isJsonNull()) {
            return;
        }
        if (roundTrip == null || roundTrip.isJsonNull()) {
            if (!isEmpty(original)) {
                problems.add(path + ": field was dropped while decoding (not part of the schema?)");
            }
            return;
        }
        if (original.isJsonObject()) {
            if (!roundTrip.isJsonObject()) {
                problems.add(path + ": expected " + describe(roundTrip) + " but found an object");
                return;
            }
            for (var entry : original.getAsJsonObject().entrySet()) {
                compare(path + "." + entry.getKey(), entry.getValue(),
                        roundTrip.getAsJsonObject().get(entry.getKey()), problems);
            }
        } else if (original.isJsonArray()) {
            if (!roundTrip.isJsonArray()) {
                problems.add(path + ": expected " + describe(roundTrip) + " but found an array");
                return;
            }
            var a = original.getAsJsonArray();
            var b = roundTrip.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                compare(path + "[" + i + "]", a.get(i), i < b.size() ? b.get(i) : null, problems);
            }
        } else {
            var a = original.getAsJsonPrimitive();
            if (!roundTrip.isJsonPrimitive()) {
                problems.add(path + ": expected " + describe(roundTrip) + " but found " + describe(original));
                return;
            }
            var b = roundTrip.getAsJsonPrimitive();
            // A number where a string is expected is fine (IntOrString, Quantity: cpu: 1).
            // A string where a number or boolean is expected is not: the API server rejects it.
            if (a.isString() && !b.isString()) {
                problems.add(path + ": expected " + describe(b) + " but found the string \"" + a.getAsString() + "\"");
            } else if (a.isBoolean() && !b.isBoolean()) {
                problems.add(path + ": expected " + describe(b) + " but found a boolean");
            } else if (a.isNumber() && b.isBoolean()) {
                problems.add(path + ": expected a boolean but found a number");
            }
        }
    }

    private static boolean isEmpty(JsonElement e) {
        return (e.isJsonObject() && e.getAsJsonObject().size() == 0) || (e.isJsonArray() && e.getAsJsonArray().isEmpty());
    }

    private static String describe(JsonElement e) {
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        var p = e.getAsJsonPrimitive();
        return p.isBoolean() ? "a boolean" : p.isNumber() ? "a number" : "a string";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            sb.append(" / ").append(t.getMessage());
        }
        return sb.toString();
    }
}

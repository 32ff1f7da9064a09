package ai.callcenter.infrastructure;

import java.util.List;
import java.util.Map;

/** The design's per-environment table. */
public final class Environments {

    private Environments() {
    }

    /** Environment of a render name: overlay/dev, combo/prod+rollouts-canary, helm/staging, helm/prod+canary. */
    public static String of(String render) {
        String rest = render.substring(render.indexOf('/') + 1);
        return rest.contains("+") ? rest.substring(0, rest.indexOf('+')) : rest;
    }

    public static Policies.HpaRange hpa(String env) {
        return switch (env) {
            case "dev" -> new Policies.HpaRange(1, 2);
            case "staging" -> new Policies.HpaRange(2, 3);
            case "prod" -> new Policies.HpaRange(3, 10);
            default -> throw new IllegalArgumentException(env);
        };
    }

    public static String logLevel(String env) {
        return Map.of("dev", "DEBUG", "staging", "INFO", "prod", "WARN").get(env);
    }

    public static String issuer(String env) {
        return "prod".equals(env) ? "letsencrypt-prod" : "letsencrypt-staging";
    }

    public static List<String> appRenders() {
        return Renders.allRenderNames().stream()
                .filter(r -> r.startsWith("overlay/") || r.startsWith("combo/") || r.startsWith("helm/")).toList();
    }
}

package ai.callcenter.mlflow;

import java.util.regex.Pattern;

/** MLflow parameter and metric keys allow letters, digits, _ - . / and space only; anything else becomes _. */
public final class MetricKeys {

    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9_\\-./ ]");

    private MetricKeys() {
    }

    public static String of(String key) {
        return NOT_ALLOWED.matcher(key).replaceAll("_");
    }
}

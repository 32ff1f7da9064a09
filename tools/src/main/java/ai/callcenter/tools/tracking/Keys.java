package ai.callcenter.tools.tracking;

import java.util.regex.Pattern;

/** MLflow parameter and metric keys: letters, digits, _ - . / and space only. */
final class Keys {

    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9_\\-./ ]");

    private Keys() {
    }

    static String of(String key) {
        return NOT_ALLOWED.matcher(key).replaceAll("_");
    }
}

package ai.callcenter.mlflow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry reference as MLflow writes it: {@code models:/NAME@ALIAS} (e.g. {@code
 * models:/ticket-tfidf@champion}, which follows the alias when it moves) or {@code models:/NAME/VERSION}.
 *
 * @param alias   null for a fixed version
 * @param version null for an alias
 */
public record ModelUri(String name, String alias, String version) {

    private static final Pattern BY_ALIAS = Pattern.compile("models:/([^/@]+)@([A-Za-z0-9_-]+)");
    private static final Pattern BY_VERSION = Pattern.compile("models:/([^/@]+)/([0-9]+)");

    public static ModelUri parse(String uri) {
        Matcher alias = BY_ALIAS.matcher(uri.trim());
        if (alias.matches()) {
            return new ModelUri(alias.group(1), alias.group(2), null);
        }
        Matcher version = BY_VERSION.matcher(uri.trim());
        if (version.matches()) {
            return new ModelUri(version.group(1), null, version.group(2));
        }
        throw new IllegalArgumentException("'" + uri + "' is not a model URI; expected models:/NAME@ALIAS or models:/NAME/VERSION");
    }

    public boolean followsAlias() {
        return alias != null;
    }

    @Override
    public String toString() {
        return "models:/" + name + (alias != null ? "@" + alias : "/" + version);
    }
}

package ai.callcenter.serving.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Cache keys hold a SHA-256 of the normalised text, never the text: tickets may carry personal
 * data, and keys are visible to anyone who can list Redis.
 */
public final class CacheKeys {

    private CacheKeys() {
    }

    public static String of(String prefix, String modelVersion, String normalizedText) {
        return prefix + modelVersion + ":" + sha256Hex(normalizedText);
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}

package io.wagate.account;

import io.wagate.ids.Sha256;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and hashes API keys. Keys carry 256 bits of entropy, so a plain SHA-256 is enough to
 * store them: there is no small space of candidates for a slow hash to protect.
 */
public final class ApiKeys {
    private static final String KEY_PREFIX = "wag_";
    static final int SHOWN_PREFIX_LENGTH = 12;

    private final SecureRandom random = new SecureRandom();

    public String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        return HexFormat.of().formatHex(Sha256.digest(key));
    }

    static String shownPrefix(String key) {
        return key.substring(0, Math.min(SHOWN_PREFIX_LENGTH, key.length()));
    }
}

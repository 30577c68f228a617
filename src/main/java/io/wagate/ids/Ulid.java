package io.wagate.ids;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * ULIDs (26 Crockford base32 characters: 48-bit millisecond time, 80 random bits) for ids that
 * sort by creation time. Within one millisecond they are not monotonic, which no caller needs.
 */
public final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Ulid(Clock clock) {
        this.clock = clock;
    }

    public String next() {
        long time = clock.millis();
        byte[] entropy = new byte[10];
        random.nextBytes(entropy);
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits -> 16 characters of 5 bits each.
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (entropy[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (entropy[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }

    /** A prefixed id such as {@code acc_01J...}, readable in logs and URLs. */
    public String next(String prefix) {
        return prefix + "_" + next();
    }

    /**
     * The smallest prefixed id of the millisecond {@code millis}: every id made before that millisecond sorts
     * below it, every id made from then on sorts at or above it (for "older than" as a range of ids).
     */
    public static String floor(String prefix, long millis) {
        char[] out = new char[26];
        java.util.Arrays.fill(out, ALPHABET[0]);
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        return prefix + "_" + new String(out);
    }
}

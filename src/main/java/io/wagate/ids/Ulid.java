package io.wagate.ids;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * ULIDs (26 Crockford base32 characters: 48-bit millisecond time, 80 random bits) for ids that
 * sort by creation time. Monotonic, as the ULID spec describes: within one millisecond each id is the
 * previous one plus one, so ids made one after the other sort in that order; only the first id of a
 * millisecond draws new random bits.
 */
public final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** The last id made: its millisecond, and its 80 random bits as 40 + 40. Guarded by this. */
    private long lastMillis = -1;
    private long high;
    private long low;

    public Ulid(Clock clock) {
        this.clock = clock;
    }

    public String next() {
        long time;
        long highBits;
        long lowBits;
        synchronized (this) {
            long now = clock.millis();
            if (now > lastMillis) {
                byte[] entropy = new byte[10];
                random.nextBytes(entropy);
                lastMillis = now;
                high = bits(entropy, 0);
                low = bits(entropy, 5);
            } else if (++low > MASK_40) { // same millisecond (or the clock stepped back): one more than the last
                low = 0;
                if (++high > MASK_40) { // 2^80 ids in one millisecond: carry into the time
                    high = 0;
                    lastMillis++;
                }
            }
            time = lastMillis;
            highBits = high;
            lowBits = low;
        }
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits -> 16 characters of 5 bits each.
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (highBits & 31)];
            highBits >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lowBits & 31)];
            lowBits >>>= 5;
        }
        return new String(out);
    }

    private static final long MASK_40 = (1L << 40) - 1;

    private static long bits(byte[] entropy, int from) {
        long value = 0;
        for (int i = from; i < from + 5; i++) {
            value = (value << 8) | (entropy[i] & 0xff);
        }
        return value;
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

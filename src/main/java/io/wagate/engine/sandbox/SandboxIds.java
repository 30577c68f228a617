package io.wagate.engine.sandbox;

import io.wagate.ids.Sha256;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The shapes of WhatsApp's ids and codes, as the sandbox makes them. */
final class SandboxIds {
    private static final char[] PAIRING_ALPHABET = "ABCDEFGHJKLMNPQRSTVWXYZ123456789".toCharArray();

    private SandboxIds() {}

    /**
     * WhatsApp Web's shape of message ids, 3EB0 and 16 hex digits, made in ascending order: the milliseconds since
     * the epoch, then a counter within the millisecond. The store files messages by id, and ids that follow each
     * other land on the same few index pages instead of one random page per message.
     */
    static final class MessageIds {
        private static final int COUNTER_BITS = 20;
        private final AtomicLong last = new AtomicLong();
        private final Clock clock;

        MessageIds(Clock clock) {
            this.clock = clock;
        }

        String next() {
            long stamp = clock.millis() << COUNTER_BITS;
            long id = last.updateAndGet(previous -> Math.max(previous + 1, stamp));
            return "3EB0" + HexFormat.of().withUpperCase().toHexDigits(id);
        }
    }

    /** 32 upper-case hex digits, like WhatsApp's call ids. */
    static String newCallId() {
        var random = ThreadLocalRandom.current();
        var hex = HexFormat.of().withUpperCase();
        return hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
    }

    /** Shaped like WhatsApp's QR string: ref, noise key, identity key, advertising secret. */
    static String qrString(SecureRandom random) {
        return "2@" + base64(random, 18) + "," + base64(random, 32) + "," + base64(random, 32) + ","
                + base64(random, 16);
    }

    /** Eight letters and digits as {@code ABCD-EFGH}, without the easily confused ones. */
    static String pairingCode(SecureRandom random) {
        var code = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(PAIRING_ALPHABET[random.nextInt(PAIRING_ALPHABET.length)]);
        }
        return code.toString();
    }

    /**
     * The number a session links to by itself: stable for the session, so demos are repeatable.
     * {@code 1555} and seven digits from 1000000 up, so never a virtual contact's {@code 15550…}.
     */
    static String numberFor(String sessionId) {
        long digits = 1_000_000L + Math.floorMod(hash(sessionId), 9_000_000L);
        return "1555" + digits;
    }

    /** The sandbox number after {@code number} ({@code 1555} + 7 digits), the last one followed by the first. */
    static String numberAfter(String number) {
        long digits = Long.parseLong(number.substring(4)) + 1;
        return "1555" + (digits > 9_999_999L ? 1_000_000L : digits);
    }

    static String lidFor(String number) {
        return Math.floorMod(hash("lid:" + number), 100_000_000_000_000L) + "@lid";
    }

    private static String base64(SecureRandom random, int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return Base64.getEncoder().encodeToString(data);
    }

    private static long hash(String text) {
        byte[] digest = Sha256.digest(text);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return value;
    }
}

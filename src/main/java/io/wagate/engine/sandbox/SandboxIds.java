package io.wagate.engine.sandbox;

import io.wagate.ids.Sha256;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** The sandbox's made-up identifiers, shaped like WhatsApp's: message ids, QR strings, pairing codes, numbers. */
final class SandboxIds {
    private static final char[] PAIRING_ALPHABET = "ABCDEFGHJKLMNPQRSTVWXYZ123456789".toCharArray();

    private SandboxIds() {}

    /** WhatsApp Web's shape of ids: 3EB0 and 16 hex digits. */
    static String newMessageId() {
        return "3EB0" + HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /** Shaped like WhatsApp's: ref, noise key, identity key, advertising secret. */
    static String qrString(Random random) {
        return "2@" + base64(random, 18) + "," + base64(random, 32) + "," + base64(random, 32) + ","
                + base64(random, 16);
    }

    private static String base64(Random random, int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return Base64.getEncoder().encodeToString(data);
    }

    static String pairingCode(Random random) {
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

    static String lidFor(String number) {
        return Math.floorMod(hash("lid:" + number), 100_000_000_000_000L) + "@lid";
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

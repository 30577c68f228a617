package io.wagate.wa.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** HKDF-SHA256 (RFC 5869); a null or empty salt is the RFC's zero salt, as in Baileys' hkdf. */
public final class Hkdf {
    private Hkdf() {
    }

    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        byte[] prk = Hmac.sha256(salt == null || salt.length == 0 ? new byte[32] : salt, ikm);
        ByteArrayOutputStream okm = new ByteArrayOutputStream(length);
        byte[] t = new byte[0];
        for (int i = 1; okm.size() < length; i++) {
            byte[] input = new byte[t.length + info.length + 1];
            System.arraycopy(t, 0, input, 0, t.length);
            System.arraycopy(info, 0, input, t.length, info.length);
            input[input.length - 1] = (byte) i;
            t = Hmac.sha256(prk, input);
            okm.write(t, 0, Math.min(t.length, length - okm.size()));
        }
        return okm.toByteArray();
    }

    public static byte[] derive(byte[] ikm, byte[] salt, String info, int length) {
        return derive(ikm, salt, info.getBytes(StandardCharsets.UTF_8), length);
    }
}

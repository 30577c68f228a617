package io.wagate.wa.noise;

import io.wagate.wa.crypto.Aes;
import io.wagate.wa.crypto.Hkdf;
import io.wagate.wa.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The symmetric half of the handshake, step for step as Baileys' makeNoiseHandler keeps it: a running hash that
 * is the AAD of every handshake cipher, a chaining key ("salt"), one key for both directions and one counter that
 * restarts at each mix. Both sides hold the same state at every step, which is why one class serves both.
 */
final class HandshakeState {
    static final byte[] NOISE_MODE = "Noise_XX_25519_AESGCM_SHA256\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);

    private byte[] hash;
    private byte[] salt;
    private byte[] key;
    private int counter;

    HandshakeState(byte[] prologue) {
        hash = NOISE_MODE.length == 32 ? NOISE_MODE.clone() : Hmac.digest(NOISE_MODE);
        salt = hash;
        key = hash;
        authenticate(prologue);
    }

    void authenticate(byte[] data) {
        hash = Hmac.digest(hash, data);
    }

    byte[] encrypt(byte[] plaintext) {
        byte[] result = Aes.gcmEncrypt(key, iv(counter++), plaintext, hash);
        authenticate(result);
        return result;
    }

    byte[] decrypt(byte[] ciphertext) {
        byte[] result = Aes.gcmDecrypt(key, iv(counter++), ciphertext, hash);
        authenticate(ciphertext);
        return result;
    }

    void mixIntoKey(byte[] dh) {
        byte[] okm = Hkdf.derive(dh, salt, new byte[0], 64);
        salt = Arrays.copyOfRange(okm, 0, 32);
        key = Arrays.copyOfRange(okm, 32, 64);
        counter = 0;
    }

    /** The split: the initiator writes with the first key and reads with the second. */
    TransportCipher split(boolean initiator) {
        byte[] okm = Hkdf.derive(new byte[0], salt, new byte[0], 64);
        byte[] first = Arrays.copyOfRange(okm, 0, 32);
        byte[] second = Arrays.copyOfRange(okm, 32, 64);
        return initiator ? new TransportCipher(first, second) : new TransportCipher(second, first);
    }

    static byte[] iv(int counter) {
        byte[] iv = new byte[12];
        iv[8] = (byte) (counter >>> 24);
        iv[9] = (byte) (counter >>> 16);
        iv[10] = (byte) (counter >>> 8);
        iv[11] = (byte) counter;
        return iv;
    }
}

package io.wagate.emulator.stopgap;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WhatsApp's Noise XX ({@code Noise_XX_25519_AESGCM_SHA256}) on the server side, as Baileys' noise handler
 * runs it: one key for both directions during the handshake, a counter IV, and the split at the end.
 */
public final class NoiseResponder {
    private static final byte[] MODE = "Noise_XX_25519_AESGCM_SHA256\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private byte[] hash;
    private byte[] salt;
    private byte[] key;
    private int counter;
    private byte[] encKey;
    private byte[] decKey;
    private long writeCounter;
    private long readCounter;

    public NoiseResponder(byte[] prologue) {
        hash = MODE.length == 32 ? MODE.clone() : sha256(MODE);
        salt = hash;
        key = hash;
        authenticate(prologue);
    }

    public void authenticate(byte[] data) {
        hash = sha256(hash, data);
    }

    public void mixIntoKey(byte[] data) {
        byte[] out = hkdf(data, salt, 64);
        salt = java.util.Arrays.copyOfRange(out, 0, 32);
        key = java.util.Arrays.copyOfRange(out, 32, 64);
        counter = 0;
    }

    public byte[] encrypt(byte[] plaintext) {
        byte[] result = gcm(Cipher.ENCRYPT_MODE, key, counter++, hash, plaintext);
        authenticate(result);
        return result;
    }

    public byte[] decrypt(byte[] ciphertext) {
        byte[] result = gcm(Cipher.DECRYPT_MODE, key, counter++, hash, ciphertext);
        authenticate(ciphertext);
        return result;
    }

    /** The split: the client writes with the first half, so the server reads with it. */
    public void finish() {
        byte[] out = hkdf(new byte[0], salt, 64);
        decKey = java.util.Arrays.copyOfRange(out, 0, 32);
        encKey = java.util.Arrays.copyOfRange(out, 32, 64);
    }

    public byte[] encryptTransport(byte[] plaintext) {
        return gcm(Cipher.ENCRYPT_MODE, encKey, writeCounter++, new byte[0], plaintext);
    }

    public byte[] decryptTransport(byte[] ciphertext) {
        return gcm(Cipher.DECRYPT_MODE, decKey, readCounter++, new byte[0], ciphertext);
    }

    private static byte[] gcm(int mode, byte[] key, long counter, byte[] aad, byte[] data) {
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] iv = ByteBuffer.allocate(12).putInt(8, (int) counter).array();
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("noise cipher failed: " + e.getMessage(), e);
        }
    }

    static byte[] hkdf(byte[] ikm, byte[] salt, int length) {
        return hkdf(ikm, salt, new byte[0], length);
    }

    /** HKDF-SHA256; a null salt is the RFC's default (zeros). */
    public static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
        try {
            var kdf = KDF.getInstance("HKDF-SHA256");
            var extract = HKDFParameterSpec.ofExtract().addIKM(ikm);
            if (salt != null && salt.length > 0) {
                extract = extract.addSalt(salt);
            }
            var spec = extract.thenExpand(info, length);
            return kdf.deriveData(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sha256(byte[]... parts) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmacSha256(byte[] key, byte[]... parts) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.wagate.wa.crypto;

import io.wagate.wa.WaProtocolException;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256 as Baileys' Utils/crypto uses it: GCM with the 16-byte tag after the ciphertext, and CTR. */
public final class Aes {
    private Aes() {
    }

    public static byte[] gcmEncrypt(byte[] key, byte[] iv, byte[] plaintext, byte[] aad) {
        return run("AES/GCM/NoPadding", Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv), aad, plaintext);
    }

    /** Throws {@link WaProtocolException} when the tag does not verify. */
    public static byte[] gcmDecrypt(byte[] key, byte[] iv, byte[] ciphertextAndTag, byte[] aad) {
        return run("AES/GCM/NoPadding", Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv), aad, ciphertextAndTag);
    }

    /** CTR is its own inverse. */
    public static byte[] ctr(byte[] key, byte[] iv, byte[] data) {
        return run("AES/CTR/NoPadding", Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv), null, data);
    }

    private static byte[] run(String transform, int mode, byte[] key, AlgorithmParameterSpec params, byte[] aad, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance(transform);
            cipher.init(mode, new SecretKeySpec(key, "AES"), params);
            if (aad != null && aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(data);
        } catch (AEADBadTagException e) {
            throw new WaProtocolException("AES-GCM tag mismatch", e);
        } catch (GeneralSecurityException e) {
            throw new WaProtocolException(transform + " failed", e);
        }
    }
}

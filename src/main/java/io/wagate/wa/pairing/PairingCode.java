package io.wagate.wa.pairing;

import io.wagate.wa.WaProtocolException;
import io.wagate.wa.crypto.Aes;
import io.wagate.wa.crypto.Bytes;
import io.wagate.wa.crypto.Curve25519;
import io.wagate.wa.crypto.Hkdf;
import io.wagate.wa.crypto.KeyPair;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The pairing-code ("link with phone number") crypto. The companion wraps its ephemeral key with a key derived
 * from the 8-character code ({@code companion_hello}); the primary unwraps it, answers with its own wrapped
 * ephemeral key and its identity key (the {@code link_code_companion_reg} notification); the companion sends an
 * AES-GCM key bundle ({@code companion_finish}); both derive the adv secret.
 */
public final class PairingCode {
    /** Baileys' derivePairingCodeKey: PBKDF2-HMAC-SHA256, 2 << 16 iterations. */
    public static final int PBKDF2_ITERATIONS = 2 << 16;
    static final String BUNDLE_INFO = "link_code_pairing_key_bundle_encryption_key";
    static final String ADV_SECRET_INFO = "adv_secret";

    private final SecureRandom random;

    public PairingCode(SecureRandom random) {
        this.random = random;
    }

    public PairingCode() {
        this(new SecureRandom());
    }

    public static byte[] codeKey(String code, byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(code.toCharArray(), salt, PBKDF2_ITERATIONS, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new WaProtocolException("PBKDF2 failed", e);
        }
    }

    /** salt(32) || iv(16) || AES-CTR(key): the form of both wrapped ephemeral keys. */
    public byte[] wrapKey(String code, byte[] publicKey) {
        byte[] salt = randomBytes(32);
        byte[] iv = randomBytes(16);
        byte[] out = new byte[80];
        System.arraycopy(salt, 0, out, 0, 32);
        System.arraycopy(iv, 0, out, 32, 16);
        System.arraycopy(Aes.ctr(codeKey(code, salt), iv, publicKey), 0, out, 48, 32);
        return out;
    }

    /** The inverse of {@link #wrapKey}; a wrong code yields a wrong key (CTR has no tag), found out later. */
    public static byte[] unwrapKey(String code, byte[] wrapped) {
        if (wrapped.length < 80) {
            throw new WaProtocolException("wrapped key too short: " + wrapped.length);
        }
        byte[] salt = Arrays.copyOfRange(wrapped, 0, 32);
        byte[] iv = Arrays.copyOfRange(wrapped, 32, 48);
        return Aes.ctr(codeKey(code, salt), iv, Arrays.copyOfRange(wrapped, 48, 80));
    }

    /** What the primary (phone) learns from companion_finish: the companion's identity key and the adv secret. */
    public record PrimaryResult(byte[] companionIdentityKey, byte[] advSecret) {}

    /**
     * The primary's side of companion_finish: decrypt the key bundle, check that it names the companion identity
     * sent beside it and this primary's identity, and derive the adv secret.
     *
     * @param primaryEphemeral the ephemeral key pair whose public key the primary wrapped in its notification
     * @param companionEphemeralPublic the companion's ephemeral key, unwrapped from companion_hello
     */
    public static PrimaryResult primaryFinish(KeyPair primaryEphemeral, byte[] companionEphemeralPublic, KeyPair primaryIdentity,
            byte[] wrappedKeyBundle, byte[] companionIdentityPublic) {
        if (wrappedKeyBundle.length < 32 + 12 + 16 + 96) {
            throw new WaProtocolException("key bundle too short");
        }
        byte[] sharedKey = Curve25519.sharedKey(primaryEphemeral.privateKey(), companionEphemeralPublic);
        byte[] salt = Arrays.copyOfRange(wrappedKeyBundle, 0, 32);
        byte[] iv = Arrays.copyOfRange(wrappedKeyBundle, 32, 44);
        byte[] bundleKey = Hkdf.derive(sharedKey, salt, BUNDLE_INFO, 32);
        byte[] bundle = Aes.gcmDecrypt(bundleKey, iv, Arrays.copyOfRange(wrappedKeyBundle, 44, wrappedKeyBundle.length), new byte[0]);
        if (bundle.length != 96) {
            throw new WaProtocolException("key bundle is " + bundle.length + " bytes, not 96");
        }
        byte[] companionIdentity = Arrays.copyOfRange(bundle, 0, 32);
        if (!MessageDigest.isEqual(companionIdentity, companionIdentityPublic)
                || !MessageDigest.isEqual(Arrays.copyOfRange(bundle, 32, 64), primaryIdentity.publicKey())) {
            throw new WaProtocolException("key bundle names other identity keys");
        }
        byte[] identityShared = Curve25519.sharedKey(primaryIdentity.privateKey(), companionIdentity);
        return new PrimaryResult(companionIdentity,
                advSecret(sharedKey, identityShared, Arrays.copyOfRange(bundle, 64, 96)));
    }

    /** What the companion sends in companion_finish, and the adv secret it keeps. */
    public record CompanionResult(byte[] wrappedKeyBundle, byte[] advSecret) {}

    /** The companion's side of the primary's notification, as Baileys' messages-recv does it. */
    public CompanionResult companionFinish(String code, KeyPair companionEphemeral, KeyPair companionIdentity,
            byte[] wrappedPrimaryEphemeral, byte[] primaryIdentityPublic) {
        byte[] primaryEphemeral = unwrapKey(code, wrappedPrimaryEphemeral);
        byte[] sharedKey = Curve25519.sharedKey(companionEphemeral.privateKey(), primaryEphemeral);
        byte[] rnd = randomBytes(32);
        byte[] salt = randomBytes(32);
        byte[] iv = randomBytes(12);
        byte[] bundleKey = Hkdf.derive(sharedKey, salt, BUNDLE_INFO, 32);
        byte[] bundle = Bytes.concat(companionIdentity.publicKey(), primaryIdentityPublic, rnd);
        byte[] wrapped = Bytes.concat(salt, iv, Aes.gcmEncrypt(bundleKey, iv, bundle, new byte[0]));
        byte[] identityShared = Curve25519.sharedKey(companionIdentity.privateKey(), primaryIdentityPublic);
        return new CompanionResult(wrapped, advSecret(sharedKey, identityShared, rnd));
    }

    static byte[] advSecret(byte[] ephemeralShared, byte[] identityShared, byte[] random32) {
        return Hkdf.derive(Bytes.concat(ephemeralShared, identityShared, random32), null, ADV_SECRET_INFO, 32);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The code as Baileys makes it: 5 random bytes in Crockford base32 (8 characters). */
    public String newCode() {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTVWXYZ";
        byte[] b = randomBytes(5);
        long v = 0;
        for (byte x : b) {
            v = v << 8 | (x & 0xff);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 7; i >= 0; i--) {
            sb.append(alphabet.charAt((int) ((v >> (i * 5)) & 31)));
        }
        return sb.toString();
    }
}

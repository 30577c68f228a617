package io.wagate.wa.crypto;

/**
 * The signatures of ADV (the device list's "account device verification"), with the message prefixes of Baileys'
 * Defaults and Utils/validate-connection: the phone's account key signs a linked device's identity
 * ({@code 6,0}; hosted accounts {@code 6,5}), the device countersigns ({@code 6,1}; hosted {@code 6,6}), and the
 * details are HMAC'd with the adv secret both learnt while linking.
 */
public final class Adv {
    public static final byte[] ACCOUNT_SIG_PREFIX = {6, 0};
    public static final byte[] DEVICE_SIG_PREFIX = {6, 1};
    public static final byte[] HOSTED_ACCOUNT_SIG_PREFIX = {6, 5};
    public static final byte[] HOSTED_DEVICE_SIG_PREFIX = {6, 6};

    private Adv() {
    }

    /** HMAC-SHA256 over the signed identity's bytes; a hosted account puts {@code 6,5} in front, as Baileys checks. */
    public static byte[] hmac(byte[] advSecret, byte[] signedIdentity, boolean hosted) {
        return Hmac.sha256(advSecret, hosted ? Bytes.concat(HOSTED_ACCOUNT_SIG_PREFIX, signedIdentity) : signedIdentity);
    }

    /** What the account key signs: prefix, the device identity details, the device's identity key. */
    public static byte[] accountMessage(byte[] deviceDetails, byte[] deviceIdentityKey, boolean hosted) {
        return Bytes.concat(hosted ? HOSTED_ACCOUNT_SIG_PREFIX : ACCOUNT_SIG_PREFIX, deviceDetails, deviceIdentityKey);
    }

    /** What the device signs: prefix, the details, its own identity key, the account key. */
    public static byte[] deviceMessage(byte[] deviceDetails, byte[] deviceIdentityKey, byte[] accountKey, boolean hosted) {
        return Bytes.concat(hosted ? HOSTED_DEVICE_SIG_PREFIX : DEVICE_SIG_PREFIX, deviceDetails, deviceIdentityKey, accountKey);
    }

    public static byte[] signAccount(XEdDSA signer, byte[] accountPrivateKey, byte[] deviceDetails, byte[] deviceIdentityKey, boolean hosted) {
        return signer.sign(accountPrivateKey, accountMessage(deviceDetails, deviceIdentityKey, hosted));
    }

    public static boolean verifyAccount(byte[] accountKey, byte[] deviceDetails, byte[] deviceIdentityKey, byte[] signature, boolean hosted) {
        return XEdDSA.verify(accountKey, accountMessage(deviceDetails, deviceIdentityKey, hosted), signature);
    }

    public static byte[] signDevice(XEdDSA signer, byte[] devicePrivateKey, byte[] deviceDetails, byte[] deviceIdentityKey,
            byte[] accountKey, boolean hosted) {
        return signer.sign(devicePrivateKey, deviceMessage(deviceDetails, deviceIdentityKey, accountKey, hosted));
    }

    public static boolean verifyDevice(byte[] deviceIdentityKey, byte[] deviceDetails, byte[] accountKey, byte[] signature, boolean hosted) {
        return XEdDSA.verify(deviceIdentityKey, deviceMessage(deviceDetails, deviceIdentityKey, accountKey, hosted), signature);
    }
}

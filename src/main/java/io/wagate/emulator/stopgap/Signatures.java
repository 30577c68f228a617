package io.wagate.emulator.stopgap;

import java.security.SecureRandom;

/**
 * STOPGAP until the protocol layer's XEdDSA lands: 64 random bytes where a Curve25519 signature belongs.
 * Only a client that does not check signatures (Baileys on libsignal 6 before the bridge's fix) accepts them.
 */
public final class Signatures {
    private static final SecureRandom random = new SecureRandom();

    private Signatures() {}

    public static byte[] sign(byte[] privateKey, byte[] message) {
        byte[] signature = new byte[64];
        random.nextBytes(signature);
        return signature;
    }
}

package io.wagate.emulator;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;

/** The emulator's own keys: the root a client is told to trust, and the static Noise key it serves. */
public record ServerKeys(byte[] rootPrivate, byte[] rootPublic, byte[] staticPrivate, byte[] staticPublic) {
    public static ServerKeys generate() {
        byte[][] root = x25519();
        byte[][] noise = x25519();
        return new ServerKeys(root[0], root[1], noise[0], noise[1]);
    }

    /** {private, public}, both 32 raw little-endian bytes as Curve25519 keys are written on the wire. */
    private static byte[][] x25519() {
        try {
            var pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] priv = ((XECPrivateKey) pair.getPrivate()).getScalar().orElseThrow();
            BigInteger u = ((XECPublicKey) pair.getPublic()).getU();
            byte[] pub = new byte[32];
            byte[] be = u.toByteArray();
            for (int i = 0; i < 32 && i < be.length; i++) {
                pub[i] = be[be.length - 1 - i];
            }
            return new byte[][] {priv, pub};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is missing from this JDK", e);
        }
    }
}

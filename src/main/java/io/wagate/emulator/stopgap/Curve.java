package io.wagate.emulator.stopgap;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/** Curve25519 key pairs and Diffie-Hellman on raw 32-byte keys, from the JDK's X25519. */
public final class Curve {
    private Curve() {}

    public record KeyPair(byte[] privateKey, byte[] publicKey) {}

    public static KeyPair generate() {
        try {
            var pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] priv = ((XECPrivateKey) pair.getPrivate()).getScalar().orElseThrow();
            return new KeyPair(priv, littleEndian(((XECPublicKey) pair.getPublic()).getU()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts Signal's 33-byte form (leading 5) as well as the raw 32 bytes. */
    public static byte[] sharedKey(byte[] privateKey, byte[] publicKey) {
        try {
            byte[] pub = publicKey.length == 33 ? java.util.Arrays.copyOfRange(publicKey, 1, 33) : publicKey;
            var factory = KeyFactory.getInstance("X25519");
            var priv = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey));
            byte[] be = new byte[32];
            for (int i = 0; i < 32; i++) {
                be[i] = pub[31 - i];
            }
            be[0] &= 0x7f;
            var publicKeyObj = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be)));
            var agreement = KeyAgreement.getInstance("X25519");
            agreement.init(priv);
            agreement.doPhase(publicKeyObj, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 failed: " + e.getMessage(), e);
        }
    }

    private static byte[] littleEndian(BigInteger u) {
        byte[] be = u.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }
}

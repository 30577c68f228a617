package io.wagate.wa.crypto;

import io.wagate.wa.WaProtocolException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/** X25519 with raw 32-byte keys (the form WhatsApp sends), on the JDK's XDH provider. */
public final class Curve25519 {
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final byte[] BASE_POINT = new byte[32];

    static {
        BASE_POINT[0] = 9;
    }

    private final SecureRandom random;

    public Curve25519(SecureRandom random) {
        this.random = random;
    }

    public Curve25519() {
        this(new SecureRandom());
    }

    public KeyPair generateKeyPair() {
        byte[] priv = new byte[32];
        random.nextBytes(priv);
        return new KeyPair(priv, publicKey(priv));
    }

    /** The public key of a private key (X25519 with the base point). */
    public static byte[] publicKey(byte[] privateKey) {
        return sharedKey(privateKey, BASE_POINT);
    }

    /** X25519(privateKey, publicKey); a 33-byte public key with the Signal type byte 5 is accepted too. */
    public static byte[] sharedKey(byte[] privateKey, byte[] publicKey) {
        byte[] pub = stripTypeByte(publicKey);
        try {
            KeyFactory kf = KeyFactory.getInstance("XDH");
            PrivateKey sk = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey.clone()));
            PublicKey pk = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, decodeU(pub)));
            KeyAgreement ka = KeyAgreement.getInstance("XDH");
            ka.init(sk);
            ka.doPhase(pk, true);
            return ka.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new WaProtocolException("X25519 failed", e);
        }
    }

    /** Signal's 33-byte form of a public key: type byte 5 then the key. */
    public static byte[] withTypeByte(byte[] publicKey) {
        if (publicKey.length == 33) {
            return publicKey.clone();
        }
        byte[] out = new byte[33];
        out[0] = 5;
        System.arraycopy(publicKey, 0, out, 1, 32);
        return out;
    }

    public static byte[] stripTypeByte(byte[] publicKey) {
        if (publicKey.length == 33 && publicKey[0] == 5) {
            return java.util.Arrays.copyOfRange(publicKey, 1, 33);
        }
        if (publicKey.length != 32) {
            throw new WaProtocolException("invalid public key length " + publicKey.length);
        }
        return publicKey;
    }

    /** RFC 7748 decodeUCoordinate: little-endian, top bit masked, reduced mod p. */
    static BigInteger decodeU(byte[] u) {
        byte[] be = new byte[33];
        for (int i = 0; i < 32; i++) {
            be[32 - i] = u[i];
        }
        be[1] &= 0x7f;
        return new BigInteger(be).mod(P);
    }
}

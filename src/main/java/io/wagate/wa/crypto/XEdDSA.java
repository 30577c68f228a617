package io.wagate.wa.crypto;

import io.wagate.wa.WaProtocolException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Signatures made and checked with Curve25519 (Montgomery) keys, as libsignal's {@code calculateSignature} /
 * {@code verifySignature} do (curve25519-js in Baileys' libsignal, libsignal-client in the phones). The scheme is
 * Signal's XEdDSA (https://signal.org/docs/specifications/xeddsa/) in libsignal's variant: the private scalar is not
 * negated; instead the sign bit of the Edwards public key travels in the top bit of the signature, and the verifier
 * takes the Edwards key's sign from there. The nonce is XEdDSA's hash1 over the key, the message and 64 random bytes.
 */
public final class XEdDSA {
    private final SecureRandom random;

    public XEdDSA(SecureRandom random) {
        this.random = random;
    }

    public XEdDSA() {
        this(new SecureRandom());
    }

    /** A 64-byte signature of {@code message} by the X25519 private key. */
    public byte[] sign(byte[] privateKey, byte[] message) {
        byte[] z = new byte[64];
        random.nextBytes(z);
        return sign(privateKey, message, z);
    }

    /** As {@link #sign(byte[], byte[])} with the 64 nonce bytes given. */
    public static byte[] sign(byte[] privateKey, byte[] message, byte[] random64) {
        byte[] k = clamp(privateKey);
        BigInteger a = EdwardsPoint.fromLittleEndian(k);
        byte[] edPublic = EdwardsPoint.BASE.multiply(a).encode();
        int signBit = edPublic[31] & 0x80;
        byte[] prefix = new byte[32];
        Arrays.fill(prefix, (byte) 0xff);
        prefix[0] = (byte) 0xfe;
        BigInteger r = reduce(sha512(prefix, k, message, random64));
        byte[] rEncoded = EdwardsPoint.BASE.multiply(r).encode();
        BigInteger h = reduce(sha512(rEncoded, edPublic, message));
        BigInteger s = r.add(h.multiply(a)).mod(EdwardsPoint.L);
        byte[] sig = new byte[64];
        System.arraycopy(rEncoded, 0, sig, 0, 32);
        System.arraycopy(EdwardsPoint.toLittleEndian(s), 0, sig, 32, 32);
        sig[63] |= (byte) signBit;
        return sig;
    }

    /** Whether {@code signature} is a valid signature of {@code message} by the Montgomery public key (32 or 33 bytes). */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (signature == null || signature.length != 64 || message == null) {
            return false;
        }
        byte[] pub;
        try {
            pub = Curve25519.stripTypeByte(publicKey);
        } catch (WaProtocolException wrongLength) {
            return false;
        }
        BigInteger u = Curve25519.decodeU(pub);
        BigInteger uPlus1 = u.add(BigInteger.ONE).mod(EdwardsPoint.P);
        if (uPlus1.signum() == 0) {
            return false;
        }
        // The birational map from Curve25519 to Ed25519: y = (u - 1) / (u + 1).
        BigInteger y = u.subtract(BigInteger.ONE).multiply(uPlus1.modInverse(EdwardsPoint.P)).mod(EdwardsPoint.P);
        byte[] edPublic = EdwardsPoint.toLittleEndian(y);
        edPublic[31] |= (byte) (signature[63] & 0x80);
        EdwardsPoint aPoint = EdwardsPoint.decode(edPublic);
        if (aPoint == null) {
            return false;
        }
        byte[] rEncoded = Arrays.copyOfRange(signature, 0, 32);
        byte[] sBytes = Arrays.copyOfRange(signature, 32, 64);
        sBytes[31] &= 0x7f;
        BigInteger s = EdwardsPoint.fromLittleEndian(sBytes);
        if (s.compareTo(EdwardsPoint.L) >= 0) {
            return false;
        }
        BigInteger h = reduce(sha512(rEncoded, edPublic, message));
        byte[] check = EdwardsPoint.BASE.multiply(s).add(aPoint.multiply(h).negate()).encode();
        return MessageDigest.isEqual(check, rEncoded);
    }

    private static byte[] clamp(byte[] privateKey) {
        if (privateKey.length != 32) {
            throw new WaProtocolException("private keys are 32 bytes");
        }
        byte[] k = privateKey.clone();
        k[0] &= (byte) 248;
        k[31] &= 127;
        k[31] |= 64;
        return k;
    }

    private static BigInteger reduce(byte[] digest64) {
        return EdwardsPoint.fromLittleEndian(digest64).mod(EdwardsPoint.L);
    }

    private static byte[] sha512(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new WaProtocolException("SHA-512 missing", e);
        }
    }
}

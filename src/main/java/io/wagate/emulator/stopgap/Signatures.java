package io.wagate.emulator.stopgap;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * STOPGAP until the protocol layer's crypto lands: XEdDSA signatures (Signal's Curve25519 signatures) made
 * with a Curve25519 private key, on plain BigInteger Edwards-curve arithmetic (slow, but only certificates
 * and pairing are signed).
 */
public final class Signatures {
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger Q = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger[] BASE;
    private static final SecureRandom random = new SecureRandom();

    static {
        BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
        BigInteger x = recoverX(y);
        BASE = new BigInteger[] {x, y, BigInteger.ONE, x.multiply(y).mod(P)};
    }

    private Signatures() {}

    public static byte[] sign(byte[] privateKey, byte[] message) {
        BigInteger[] e = multiply(BASE, littleEndian(clamp(privateKey)));
        byte[] a = encode(e);
        boolean negative = (a[31] & 0x80) != 0;
        BigInteger scalar = littleEndian(clamp(privateKey)).mod(Q);
        if (negative) {
            scalar = Q.subtract(scalar).mod(Q);
            a[31] &= 0x7f;
        }
        byte[] z = new byte[64];
        random.nextBytes(z);
        byte[] prefix = new byte[32];
        java.util.Arrays.fill(prefix, (byte) 0xff);
        prefix[0] = (byte) 0xfe;
        BigInteger r = littleEndian(sha512(prefix, toLittleEndian(scalar), message, z)).mod(Q);
        byte[] rPoint = encode(multiply(BASE, r));
        BigInteger h = littleEndian(sha512(rPoint, a, message)).mod(Q);
        BigInteger s = r.add(h.multiply(scalar)).mod(Q);
        byte[] signature = new byte[64];
        System.arraycopy(rPoint, 0, signature, 0, 32);
        System.arraycopy(toLittleEndian(s), 0, signature, 32, 32);
        return signature;
    }

    private static byte[] clamp(byte[] key) {
        byte[] c = key.clone();
        c[0] &= (byte) 248;
        c[31] &= 127;
        c[31] |= 64;
        return c;
    }

    private static BigInteger recoverX(BigInteger y) {
        BigInteger y2 = y.multiply(y);
        BigInteger xx = y2.subtract(BigInteger.ONE).multiply(D.multiply(y2).add(BigInteger.ONE).modInverse(P)).mod(P);
        BigInteger x = xx.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.multiply(x).subtract(xx).mod(P).equals(BigInteger.ZERO)) {
            x = x.multiply(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P)).mod(P);
        }
        return x.testBit(0) ? P.subtract(x) : x;
    }

    /** Extended coordinates (X, Y, Z, T); the addition law of the twisted Edwards curve with a = -1. */
    private static BigInteger[] add(BigInteger[] p1, BigInteger[] p2) {
        BigInteger a = p1[1].subtract(p1[0]).multiply(p2[1].subtract(p2[0])).mod(P);
        BigInteger b = p1[1].add(p1[0]).multiply(p2[1].add(p2[0])).mod(P);
        BigInteger c = p1[3].multiply(BigInteger.TWO).multiply(D).multiply(p2[3]).mod(P);
        BigInteger d = p1[2].multiply(BigInteger.TWO).multiply(p2[2]).mod(P);
        BigInteger e = b.subtract(a), f = d.subtract(c), g = d.add(c), h = b.add(a);
        return new BigInteger[] {e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P)};
    }

    private static BigInteger[] multiply(BigInteger[] point, BigInteger scalar) {
        BigInteger[] result = {BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
        BigInteger[] addend = point;
        for (int i = 0; i < scalar.bitLength(); i++) {
            if (scalar.testBit(i)) {
                result = add(result, addend);
            }
            addend = add(addend, addend);
        }
        return result;
    }

    private static byte[] encode(BigInteger[] point) {
        BigInteger zi = point[2].modInverse(P);
        BigInteger x = point[0].multiply(zi).mod(P);
        BigInteger y = point[1].multiply(zi).mod(P);
        byte[] out = toLittleEndian(y);
        if (x.testBit(0)) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    private static BigInteger littleEndian(byte[] b) {
        byte[] be = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            be[i] = b[b.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    private static byte[] toLittleEndian(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    private static byte[] sha512(byte[]... parts) {
        try {
            var digest = MessageDigest.getInstance("SHA-512");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

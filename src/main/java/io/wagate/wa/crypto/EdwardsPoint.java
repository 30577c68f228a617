package io.wagate.wa.crypto;

import java.math.BigInteger;

/**
 * Points of the twisted Edwards curve of Ed25519 (RFC 8032 section 5.1) in extended coordinates, with BigInteger
 * field arithmetic. Why not a library: the JDK's EdDSA and Bouncy Castle's Ed25519 only sign with a hashed seed,
 * while XEdDSA signs with the X25519 scalar itself, so it needs scalar multiplication by an arbitrary scalar.
 * BigInteger is not constant-time; the signing key's timing is exposed to whoever can time this process.
 */
final class EdwardsPoint {
    static final BigInteger P = Curve25519.P;
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger D2 = D.shiftLeft(1).mod(P);
    private static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
    static final EdwardsPoint IDENTITY = new EdwardsPoint(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);
    static final EdwardsPoint BASE = base();

    private final BigInteger x;
    private final BigInteger y;
    private final BigInteger z;
    private final BigInteger t;

    private EdwardsPoint(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {
        this.x = x;
        this.y = y;
        this.z = z;
        this.t = t;
    }

    private static EdwardsPoint base() {
        BigInteger by = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
        BigInteger bx = recoverX(by, 0);
        return new EdwardsPoint(bx, by, BigInteger.ONE, bx.multiply(by).mod(P));
    }

    /** add-2008-hwcd-3; complete for a = -1, so it also doubles. */
    EdwardsPoint add(EdwardsPoint q) {
        BigInteger a = y.subtract(x).multiply(q.y.subtract(q.x)).mod(P);
        BigInteger b = y.add(x).multiply(q.y.add(q.x)).mod(P);
        BigInteger c = t.multiply(D2).multiply(q.t).mod(P);
        BigInteger d = z.shiftLeft(1).multiply(q.z).mod(P);
        BigInteger e = b.subtract(a);
        BigInteger f = d.subtract(c);
        BigInteger g = d.add(c);
        BigInteger h = b.add(a);
        return new EdwardsPoint(e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P));
    }

    EdwardsPoint negate() {
        return new EdwardsPoint(P.subtract(x).mod(P), y, z, P.subtract(t).mod(P));
    }

    EdwardsPoint multiply(BigInteger k) {
        EdwardsPoint result = IDENTITY;
        EdwardsPoint addend = this;
        for (int i = 0; i < k.bitLength(); i++) {
            if (k.testBit(i)) {
                result = result.add(addend);
            }
            addend = addend.add(addend);
        }
        return result;
    }

    /** RFC 8032 encoding: y little-endian with the low bit of x in bit 255. */
    byte[] encode() {
        BigInteger zi = z.modInverse(P);
        BigInteger ax = x.multiply(zi).mod(P);
        BigInteger ay = y.multiply(zi).mod(P);
        byte[] out = toLittleEndian(ay);
        if (ax.testBit(0)) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    /** RFC 8032 decoding; null when the bytes are not a point. */
    static EdwardsPoint decode(byte[] s) {
        byte[] copy = s.clone();
        int sign = (copy[31] >> 7) & 1;
        copy[31] &= 0x7f;
        BigInteger py = fromLittleEndian(copy);
        if (py.compareTo(P) >= 0) {
            return null;
        }
        BigInteger px = recoverX(py, sign);
        return px == null ? null : new EdwardsPoint(px, py, BigInteger.ONE, px.multiply(py).mod(P));
    }

    private static BigInteger recoverX(BigInteger py, int sign) {
        BigInteger y2 = py.multiply(py).mod(P);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
        BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
        if (x2.signum() == 0) {
            return sign == 1 ? null : BigInteger.ZERO;
        }
        BigInteger px = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!px.multiply(px).mod(P).equals(x2)) {
            px = px.multiply(SQRT_M1).mod(P);
        }
        if (!px.multiply(px).mod(P).equals(x2)) {
            return null;
        }
        if (px.testBit(0) != (sign == 1)) {
            px = P.subtract(px);
        }
        return px;
    }

    static BigInteger fromLittleEndian(byte[] le) {
        byte[] be = new byte[le.length + 1];
        for (int i = 0; i < le.length; i++) {
            be[le.length - i] = le[i];
        }
        return new BigInteger(be);
    }

    static byte[] toLittleEndian(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }
}

package io.wagate.wa.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/** A Curve25519 key pair: 32-byte private scalar (as generated, unclamped) and 32-byte Montgomery public key. */
public record KeyPair(byte[] privateKey, byte[] publicKey) {
    public KeyPair {
        if (privateKey.length != 32 || publicKey.length != 32) {
            throw new IllegalArgumentException("Curve25519 keys are 32 bytes");
        }
        privateKey = privateKey.clone();
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPair k && Arrays.equals(privateKey, k.privateKey) && Arrays.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** The public key only: private keys are never printed. */
    @Override
    public String toString() {
        return "KeyPair[public=" + HexFormat.of().formatHex(publicKey) + "]";
    }
}

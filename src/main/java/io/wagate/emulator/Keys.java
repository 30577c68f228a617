package io.wagate.emulator;

import io.wagate.wa.crypto.Curve25519;
import io.wagate.wa.crypto.KeyPair;
import io.wagate.wa.crypto.XEdDSA;

/** The emulator's key making and signing, from the protocol layer (stateless tools over SecureRandom). */
final class Keys {
    private static final Curve25519 CURVE = new Curve25519();
    private static final XEdDSA SIGNER = new XEdDSA();

    private Keys() {}

    static KeyPair generate() {
        return CURVE.generateKeyPair();
    }

    static XEdDSA signer() {
        return SIGNER;
    }

    static byte[] sign(byte[] privateKey, byte[] message) {
        return SIGNER.sign(privateKey, message);
    }
}

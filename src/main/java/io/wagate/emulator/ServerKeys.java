package io.wagate.emulator;

import io.wagate.emulator.stopgap.Curve;

/** The emulator's own keys: the root a client is told to trust, and the static Noise key it serves. */
public record ServerKeys(Curve.KeyPair root, Curve.KeyPair intermediate, Curve.KeyPair noise) {
    public static ServerKeys generate() {
        return new ServerKeys(Curve.generate(), Curve.generate(), Curve.generate());
    }

    public byte[] rootPublic() {
        return root.publicKey();
    }
}

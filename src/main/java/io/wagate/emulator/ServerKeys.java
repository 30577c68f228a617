package io.wagate.emulator;

import io.wagate.wa.crypto.KeyPair;

/** The emulator's own keys: the root a client is told to trust, and the static Noise key it serves. */
public record ServerKeys(KeyPair root, KeyPair intermediate, KeyPair noise) {
    public static ServerKeys generate() {
        return new ServerKeys(Keys.generate(), Keys.generate(), Keys.generate());
    }

    public byte[] rootPublic() {
        return root.publicKey();
    }
}

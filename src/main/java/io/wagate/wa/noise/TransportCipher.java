package io.wagate.wa.noise;

import io.wagate.wa.crypto.Aes;

/**
 * The ciphers after the handshake: AES-256-GCM, no AAD, the IV a 32-bit big-endian counter per direction.
 * Each direction is locked on its own, so a sender and a receiver thread may share one instance.
 */
public final class TransportCipher {
    private static final byte[] NO_AAD = new byte[0];
    private final byte[] encKey;
    private final byte[] decKey;
    private final Object writeLock = new Object();
    private final Object readLock = new Object();
    private int writeCounter;
    private int readCounter;

    TransportCipher(byte[] encKey, byte[] decKey) {
        this.encKey = encKey;
        this.decKey = decKey;
    }

    public byte[] encrypt(byte[] plaintext) {
        synchronized (writeLock) {
            return Aes.gcmEncrypt(encKey, HandshakeState.iv(writeCounter++), plaintext, NO_AAD);
        }
    }

    /** Throws {@link io.wagate.wa.WaProtocolException} when the frame does not authenticate. */
    public byte[] decrypt(byte[] ciphertext) {
        synchronized (readLock) {
            return Aes.gcmDecrypt(decKey, HandshakeState.iv(readCounter++), ciphertext, NO_AAD);
        }
    }
}

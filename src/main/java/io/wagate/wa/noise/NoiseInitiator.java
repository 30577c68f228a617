package io.wagate.wa.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wagate.wa.WaProtocolException;
import io.wagate.wa.crypto.Curve25519;
import io.wagate.wa.crypto.KeyPair;
import io.wagate.wa.frame.IntroHeader;
import io.wagate.wa.proto.CertChain;
import io.wagate.wa.proto.HandshakeMessage;

/**
 * The client's side of the XX handshake, as Baileys' validateConnection runs it: client hello, the server hello
 * checked by a {@link NoiseCertificates.Check}, then the finish with the client's static noise key and payload.
 */
public final class NoiseInitiator {
    private final KeyPair noiseKey;
    private final KeyPair ephemeral;
    private final HandshakeState state;
    private TransportCipher transport;

    public NoiseInitiator(KeyPair noiseKey, byte[] prologue, Curve25519 curve) {
        this.noiseKey = noiseKey;
        this.ephemeral = curve.generateKeyPair();
        this.state = new HandshakeState(prologue);
        state.authenticate(ephemeral.publicKey());
    }

    public NoiseInitiator(KeyPair noiseKey) {
        this(noiseKey, IntroHeader.noiseHeader(), new Curve25519());
    }

    /** The first frame's payload (send it behind {@link IntroHeader#forClient}). */
    public byte[] clientHello() {
        return HandshakeMessage.newBuilder()
                .setClientHello(HandshakeMessage.ClientHello.newBuilder().setEphemeral(ByteString.copyFrom(ephemeral.publicKey())))
                .build().toByteArray();
    }

    /**
     * Reads the server hello, checks its certificate chain, and returns the finish frame carrying
     * {@code clientPayload} (an encoded ClientPayload). {@link #transport()} is ready afterwards.
     */
    public byte[] clientFinish(byte[] serverHelloFrame, byte[] clientPayload, NoiseCertificates.Check check) {
        HandshakeMessage msg = NoiseResponder.parse(serverHelloFrame);
        if (!msg.hasServerHello()) {
            throw new WaProtocolException("expected a server hello");
        }
        HandshakeMessage.ServerHello hello = msg.getServerHello();
        byte[] serverEphemeral = hello.getEphemeral().toByteArray();
        state.authenticate(serverEphemeral);
        state.mixIntoKey(Curve25519.sharedKey(ephemeral.privateKey(), serverEphemeral));
        byte[] serverStatic = state.decrypt(hello.getStatic().toByteArray());
        state.mixIntoKey(Curve25519.sharedKey(ephemeral.privateKey(), serverStatic));
        byte[] certBytes = state.decrypt(hello.getPayload().toByteArray());
        try {
            check.check(CertChain.parseFrom(certBytes), serverStatic);
        } catch (InvalidProtocolBufferException e) {
            throw new WaProtocolException("bad certificate chain", e);
        }
        byte[] keyEnc = state.encrypt(noiseKey.publicKey());
        state.mixIntoKey(Curve25519.sharedKey(noiseKey.privateKey(), serverEphemeral));
        byte[] payloadEnc = state.encrypt(clientPayload);
        transport = state.split(true);
        return HandshakeMessage.newBuilder()
                .setClientFinish(HandshakeMessage.ClientFinish.newBuilder()
                        .setStatic(ByteString.copyFrom(keyEnc))
                        .setPayload(ByteString.copyFrom(payloadEnc)))
                .build().toByteArray();
    }

    public TransportCipher transport() {
        if (transport == null) {
            throw new IllegalStateException("the handshake has not finished");
        }
        return transport;
    }
}

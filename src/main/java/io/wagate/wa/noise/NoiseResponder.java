package io.wagate.wa.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wagate.wa.WaProtocolException;
import io.wagate.wa.crypto.Curve25519;
import io.wagate.wa.crypto.KeyPair;
import io.wagate.wa.frame.IntroHeader;
import io.wagate.wa.proto.ClientPayload;
import io.wagate.wa.proto.HandshakeMessage;

/**
 * The server's side of the XX handshake for one connection: read the client's hello, answer with the server hello
 * (ephemeral key, encrypted static key, encrypted certificate chain), then read the client's finish (its static
 * noise key and its {@link ClientPayload}). Not thread-safe; one per connection.
 */
public final class NoiseResponder {
    /** What the handshake established: the client's noise key, what it sent, and the ciphers from now on. */
    public record Finished(byte[] clientStaticKey, ClientPayload payload, TransportCipher cipher) {}

    private final KeyPair staticKey;
    private final byte[] certChain;
    private final Curve25519 curve;
    private final HandshakeState state;
    private KeyPair ephemeral;

    /**
     * @param staticKey the server's static noise key
     * @param certChain an encoded {@code CertChain} (see {@link NoiseCertificates#issue})
     * @param prologue what the client authenticated first: {@link IntroHeader#noiseHeader()}
     */
    public NoiseResponder(KeyPair staticKey, byte[] certChain, byte[] prologue, Curve25519 curve) {
        this.staticKey = staticKey;
        this.certChain = certChain.clone();
        this.curve = curve;
        this.state = new HandshakeState(prologue);
    }

    public NoiseResponder(KeyPair staticKey, byte[] certChain) {
        this(staticKey, certChain, IntroHeader.noiseHeader(), new Curve25519());
    }

    /** Takes the client's first frame (a HandshakeMessage with clientHello), returns the server hello frame. */
    public byte[] serverHello(byte[] clientHelloFrame) {
        if (ephemeral != null) {
            throw new WaProtocolException("client hello twice");
        }
        HandshakeMessage hello = parse(clientHelloFrame);
        if (!hello.hasClientHello() || hello.getClientHello().getEphemeral().size() != 32) {
            throw new WaProtocolException("expected a client hello with a 32-byte ephemeral key");
        }
        byte[] clientEphemeral = hello.getClientHello().getEphemeral().toByteArray();
        state.authenticate(clientEphemeral);
        ephemeral = curve.generateKeyPair();
        state.authenticate(ephemeral.publicKey());
        state.mixIntoKey(Curve25519.sharedKey(ephemeral.privateKey(), clientEphemeral));
        byte[] staticEnc = state.encrypt(staticKey.publicKey());
        state.mixIntoKey(Curve25519.sharedKey(staticKey.privateKey(), clientEphemeral));
        byte[] payloadEnc = state.encrypt(certChain);
        return HandshakeMessage.newBuilder()
                .setServerHello(HandshakeMessage.ServerHello.newBuilder()
                        .setEphemeral(ByteString.copyFrom(ephemeral.publicKey()))
                        .setStatic(ByteString.copyFrom(staticEnc))
                        .setPayload(ByteString.copyFrom(payloadEnc)))
                .build().toByteArray();
    }

    /** Takes the client's finish frame; throws {@link WaProtocolException} when it does not decrypt. */
    public Finished finish(byte[] clientFinishFrame) {
        if (ephemeral == null) {
            throw new WaProtocolException("client finish before client hello");
        }
        HandshakeMessage msg = parse(clientFinishFrame);
        if (!msg.hasClientFinish()) {
            throw new WaProtocolException("expected a client finish");
        }
        byte[] clientStatic = state.decrypt(msg.getClientFinish().getStatic().toByteArray());
        if (clientStatic.length != 32) {
            throw new WaProtocolException("client static key is not 32 bytes");
        }
        state.mixIntoKey(Curve25519.sharedKey(ephemeral.privateKey(), clientStatic));
        byte[] payload = state.decrypt(msg.getClientFinish().getPayload().toByteArray());
        try {
            return new Finished(clientStatic, ClientPayload.parseFrom(payload), state.split(false));
        } catch (InvalidProtocolBufferException e) {
            throw new WaProtocolException("bad client payload", e);
        }
    }

    static HandshakeMessage parse(byte[] frame) {
        try {
            return HandshakeMessage.parseFrom(frame);
        } catch (InvalidProtocolBufferException e) {
            throw new WaProtocolException("bad handshake message", e);
        }
    }
}

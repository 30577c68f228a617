package io.wagate.emulator;

import io.wagate.wa.crypto.Curve25519;
import io.wagate.wa.crypto.KeyPair;
import io.wagate.emulator.stopgap.Node;
import io.wagate.emulator.stopgap.NodeCodec;
import io.wagate.emulator.stopgap.NoiseResponder;
import io.wagate.emulator.stopgap.Proto;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's chat socket: the intro header and 3-byte frames, the Noise handshake, then encrypted nodes
 * both ways. What the client asks for is answered by the {@link Switchboard}.
 */
final class ChatConnection {
    private static final Logger log = LoggerFactory.getLogger(ChatConnection.class);

    /** The socket under the connection. */
    interface Link {
        void send(byte[] frame);

        void close();
    }

    private enum State { INTRO, HELLO, FINISH, OPEN, CLOSED }

    private final Switchboard switchboard;
    private final Link link;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private State state = State.INTRO;
    private NoiseResponder noise;
    private KeyPair ephemeral;
    private byte[] clientStatic;
    /** Set once logged in (or, while registering, once paired). */
    volatile Account account;
    volatile Device device;
    /** The companion's registration while it waits to be paired (null when logging in). */
    volatile Registration registration;
    volatile String pushName;

    record Registration(byte[] noisePublic, byte[] identityPublic, int registrationId, byte[] signedPreKeyId,
                        byte[] signedPreKey, byte[] signedPreKeySignature, String platform) {}

    ChatConnection(Switchboard switchboard, Link link) {
        this.switchboard = switchboard;
        this.link = link;
    }

    synchronized void received(byte[] bytes) {
        pending.writeBytes(bytes);
        byte[] buffer = pending.toByteArray();
        int at = 0;
        if (state == State.INTRO) {
            int header = introLength(buffer);
            if (header < 0) {
                return;
            }
            noise = new NoiseResponder(Arrays.copyOfRange(buffer, header - 4, header));
            state = State.HELLO;
            at = header;
        }
        while (buffer.length - at >= 3) {
            int size = (buffer[at] & 0xff) << 16 | (buffer[at + 1] & 0xff) << 8 | buffer[at + 2] & 0xff;
            if (buffer.length - at - 3 < size) {
                break;
            }
            byte[] frame = Arrays.copyOfRange(buffer, at + 3, at + 3 + size);
            at += 3 + size;
            try {
                frame(frame);
            } catch (RuntimeException e) {
                log.warn("emulator: dropping a connection after a bad frame: {}", e.toString(), e);
                drop();
                return;
            }
        }
        pending.reset();
        pending.write(buffer, at, buffer.length - at);
    }

    /** {@code WA 6 3}, or {@code ED 0 1 <len:3> <routing>} before it; -1 while incomplete. */
    private static int introLength(byte[] b) {
        if (b.length >= 2 && b[0] == 'E' && b[1] == 'D') {
            if (b.length < 7) {
                return -1;
            }
            int routing = (b[4] & 0xff) << 16 | (b[5] & 0xff) << 8 | b[6] & 0xff;
            return b.length >= 7 + routing + 4 ? 7 + routing + 4 : -1;
        }
        return b.length >= 4 ? 4 : -1;
    }

    private void frame(byte[] frame) {
        switch (state) {
            case HELLO -> hello(Proto.parse(frame).message(2));
            case FINISH -> finish(Proto.parse(frame).message(4));
            case OPEN -> switchboard.handle(this, NodeCodec.decodeFrame(noise.decryptTransport(frame)));
            default -> { }
        }
    }

    private void hello(Proto clientHello) {
        byte[] clientEphemeral = clientHello.bytes(1);
        noise.authenticate(clientEphemeral);
        ephemeral = Keys.generate();
        ServerKeys keys = switchboard.keys();
        noise.authenticate(ephemeral.publicKey());
        noise.mixIntoKey(Curve25519.sharedKey(ephemeral.privateKey(), clientEphemeral));
        byte[] staticEnc = noise.encrypt(keys.noise().publicKey());
        noise.mixIntoKey(Curve25519.sharedKey(keys.noise().privateKey(), clientEphemeral));
        byte[] payloadEnc = noise.encrypt(switchboard.certificates().chain());
        byte[] serverHello = Proto.writer().bytes(1, ephemeral.publicKey()).bytes(2, staticEnc).bytes(3, payloadEnc).build();
        state = State.FINISH;
        sendFrame(Proto.writer().bytes(3, serverHello).build());
    }

    private void finish(Proto clientFinish) {
        clientStatic = noise.decrypt(clientFinish.bytes(1));
        noise.mixIntoKey(Curve25519.sharedKey(ephemeral.privateKey(), clientStatic));
        Proto payload = Proto.parse(noise.decrypt(clientFinish.bytes(2)));
        noise.finish();
        state = State.OPEN;
        switchboard.loggingIn(this, payload);
    }

    byte[] clientStatic() {
        return clientStatic;
    }

    synchronized void send(Node node) {
        if (state != State.OPEN) {
            return;
        }
        log.debug("emulator → {}", node);
        sendFrame(noise.encryptTransport(NodeCodec.encodeFrame(node)));
    }

    private void sendFrame(byte[] data) {
        byte[] frame = new byte[data.length + 3];
        frame[0] = (byte) (data.length >> 16);
        frame[1] = (byte) (data.length >> 8);
        frame[2] = (byte) data.length;
        System.arraycopy(data, 0, frame, 3, data.length);
        link.send(frame);
    }

    void closed() {
        synchronized (this) {
            state = State.CLOSED;
        }
        switchboard.disconnected(this);
    }

    void drop() {
        link.close();
    }
}

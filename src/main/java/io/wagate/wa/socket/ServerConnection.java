package io.wagate.wa.socket;

import io.wagate.wa.WaProtocolException;
import io.wagate.wa.binary.Node;
import io.wagate.wa.binary.NodeDecoder;
import io.wagate.wa.binary.NodeEncoder;
import io.wagate.wa.frame.FrameReader;
import io.wagate.wa.frame.Frames;
import io.wagate.wa.frame.IntroHeader;
import io.wagate.wa.noise.NoiseResponder;
import io.wagate.wa.noise.TransportCipher;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's end of one client connection: intro header, the XX handshake, then encrypted nodes. Feed it each
 * WebSocket message with {@link #receive}; send what its events and {@link #send} return as binary messages.
 * {@code receive} is for the connection's receive thread; {@code send} may be called from any thread.
 */
public final class ServerConnection {
    /** What one received WebSocket message meant. */
    public sealed interface Event {}

    /** The client said hello: send {@code reply} (already framed). */
    public record ServerHello(byte[] reply) implements Event {}

    /** The handshake is done: who the client is and what it asked for (login or registration). */
    public record HandshakeDone(NoiseResponder.Finished finished, IntroHeader.Parsed intro) implements Event {}

    /** A node from the client. */
    public record Received(Node node) implements Event {}

    private final NoiseResponder responder;
    private final FrameReader reader = FrameReader.server();
    private final NodeEncoder encoder;
    private final NodeDecoder decoder;
    private boolean helloSeen;
    private volatile TransportCipher cipher;

    public ServerConnection(NoiseResponder responder, NodeEncoder encoder, NodeDecoder decoder) {
        this.responder = responder;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    public ServerConnection(NoiseResponder responder) {
        this(responder, new NodeEncoder(), new NodeDecoder());
    }

    /** Throws {@link WaProtocolException} on bytes that break the protocol; the connection is then unusable. */
    public List<Event> receive(byte[] message) {
        List<Event> events = new ArrayList<>();
        for (byte[] frame : reader.feed(message)) {
            if (!helloSeen) {
                helloSeen = true;
                events.add(new ServerHello(Frames.frame(responder.serverHello(frame))));
            } else if (cipher == null) {
                NoiseResponder.Finished finished = responder.finish(frame);
                cipher = finished.cipher();
                events.add(new HandshakeDone(finished, reader.intro()));
            } else {
                events.add(new Received(decoder.decode(cipher.decrypt(frame))));
            }
        }
        return events;
    }

    /** The framed, encrypted bytes of a node; only after the handshake. */
    public byte[] send(Node node) {
        TransportCipher c = cipher;
        if (c == null) {
            throw new IllegalStateException("the handshake has not finished");
        }
        return Frames.frame(c.encrypt(encoder.encode(node)));
    }

    public boolean handshakeDone() {
        return cipher != null;
    }
}

package io.wagate.emulator;

import io.wagate.wa.binary.Node;
import io.wagate.wa.noise.NoiseResponder;
import io.wagate.wa.socket.ServerConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's chat socket over the protocol layer's {@link ServerConnection} (intro header, frames, the Noise
 * handshake, encrypted nodes). What the client asks for is answered by the {@link Switchboard}.
 */
final class ChatConnection {
    private static final Logger log = LoggerFactory.getLogger(ChatConnection.class);

    /** The socket under the connection. */
    interface Link {
        void send(byte[] frame);

        void close();
    }

    private final Switchboard switchboard;
    private final Link link;
    private final ServerConnection server;
    private volatile boolean closed;
    /**
     * Reading and writing take separate locks: a node read from this connection is routed to others while the read
     * lock is held, and their readers route to this one, so one lock for both deadlocks two chatting devices
     * (A's reader waits to write to B while B's reader waits to write to A). Writes take no other lock.
     */
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
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
        this.server = new ServerConnection(new NoiseResponder(switchboard.keys().noise(), switchboard.certificates()));
    }

    void received(byte[] bytes) {
        synchronized (readLock) {
            receivedLocked(bytes);
        }
    }

    private void receivedLocked(byte[] bytes) {
        if (closed) {
            return;
        }
        try {
            for (ServerConnection.Event event : server.receive(bytes)) {
                switch (event) {
                    case ServerConnection.ServerHello hello -> {
                        synchronized (writeLock) {
                            link.send(hello.reply());
                        }
                    }
                    case ServerConnection.HandshakeDone done -> {
                        clientStatic = done.finished().clientStaticKey();
                        switchboard.loggingIn(this, done.finished().payload());
                    }
                    case ServerConnection.Received received -> switchboard.handle(this, received.node());
                }
            }
        } catch (RuntimeException e) {
            log.warn("emulator: dropping a connection after a bad frame: {}", e.toString(), e);
            drop();
        }
    }

    byte[] clientStatic() {
        return clientStatic;
    }

    void send(Node node) {
        synchronized (writeLock) {
            if (closed || !server.handshakeDone() || switchboard.silenced(this)) {
                return;
            }
            log.debug("emulator → {}", node);
            link.send(server.send(node));
        }
    }

    void closed() {
        closed = true;
        switchboard.disconnected(this);
    }

    void drop() {
        link.close();
    }
}

package io.wagate.emulator;

/** One client's chat socket: the handshake, then the nodes it sends and the nodes sent to it. */
final class ChatConnection {
    /** The socket under the connection. */
    interface Link {
        void send(byte[] frame);

        void close();
    }

    private final Switchboard switchboard;
    private final Link link;

    ChatConnection(Switchboard switchboard, Link link) {
        this.switchboard = switchboard;
        this.link = link;
    }

    void received(byte[] bytes) {
        // The handshake and the node exchange come with the protocol layer.
    }

    void closed() {
        switchboard.disconnected(this);
    }

    void drop() {
        link.close();
    }
}

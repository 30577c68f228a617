package io.wagate.emulator;

import java.util.ArrayDeque;
import java.util.Deque;

/** A linked companion device: its keys as registered and, while online, its connection. */
final class Device {
    final int id;
    final int keyIndex;
    final byte[] noisePublic;
    final byte[] identityPublic;
    private volatile ChatConnection connection;
    private final Deque<byte[]> offline = new ArrayDeque<>();

    Device(int id, int keyIndex, byte[] noisePublic, byte[] identityPublic) {
        this.id = id;
        this.keyIndex = keyIndex;
        this.noisePublic = noisePublic;
        this.identityPublic = identityPublic;
    }

    ChatConnection connection() {
        return connection;
    }

    void online(ChatConnection connection) {
        this.connection = connection;
    }

    /** Clears the connection if it is still this one (a newer login may have replaced it). */
    void offline(ChatConnection gone) {
        if (connection == gone) {
            connection = null;
        }
    }

    synchronized Deque<byte[]> offlineQueue() {
        return offline;
    }
}

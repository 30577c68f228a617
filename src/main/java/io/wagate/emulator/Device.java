package io.wagate.emulator;

import java.util.ArrayDeque;
import java.util.Deque;

/** A linked companion device: its keys as registered and, while online, its connection. */
final class Device {
    final int id;
    final int keyIndex;
    final byte[] noisePublic;
    final byte[] identityPublic;
    final ChatConnection.Registration registration;
    /** Pre-keys as uploaded: id → public key; one is handed out per bundle fetch. */
    final java.util.concurrent.ConcurrentSkipListMap<Integer, byte[]> preKeys = new java.util.concurrent.ConcurrentSkipListMap<>();
    volatile byte[] signedPreKeyId;
    volatile byte[] signedPreKey;
    volatile byte[] signedPreKeySignature;
    /** Set once the companion acknowledged the phone's history-sync notice; until then each login sends it. */
    volatile boolean historySynced;
    private volatile ChatConnection connection;
    private final Deque<io.wagate.wa.binary.Node> offline = new ArrayDeque<>();
    /** Messages sent to the device and not yet acknowledged by it, by sender and id; guarded by the queue's lock. */
    private final java.util.Map<String, io.wagate.wa.binary.Node> unacked = new java.util.LinkedHashMap<>();

    Device(int id, int keyIndex, byte[] noisePublic, byte[] identityPublic, ChatConnection.Registration registration) {
        this.id = id;
        this.registration = registration;
        this.signedPreKeyId = registration.signedPreKeyId();
        this.signedPreKey = registration.signedPreKey();
        this.signedPreKeySignature = registration.signedPreKeySignature();
        this.keyIndex = keyIndex;
        this.noisePublic = noisePublic;
        this.identityPublic = identityPublic;
    }

    String pnJid(Account account) {
        return account.number + ":" + id + "@s.whatsapp.net";
    }

    String lidJid(Account account) {
        return account.lid + ":" + id + "@lid";
    }

    String jid(Account account, boolean lidAddressed) {
        return lidAddressed ? lidJid(account) : pnJid(account);
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

    Deque<io.wagate.wa.binary.Node> offlineQueue() {
        return offline;
    }

    /** Guarded by {@link #offlineQueue()}'s lock. */
    java.util.Map<String, io.wagate.wa.binary.Node> unacked() {
        return unacked;
    }
}

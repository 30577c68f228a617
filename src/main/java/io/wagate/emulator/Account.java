package io.wagate.emulator;

import io.wagate.emulator.control.NewPhone;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A WhatsApp account: its phone (device 0, played by the emulator) and the companions linked to it. */
final class Account {
    final String number;
    final String lid;
    final byte[] identityPrivate;
    final byte[] identityPublic;
    /** WhatsApp addresses this account by its LID only: its messages come LID-addressed, sends to its number fail (463). */
    final boolean lidOnly;
    /**
     * Whether a usync asking for the LID alone (Baileys' LID mapping lookup) answers it; device-list queries
     * always do. Off: the lookup before a send misses it, so the send goes to the number.
     */
    final boolean lidLookup;
    /** The reach-out timelock and new-chat cap a control call set on it. */
    final AccountRestrictions restrictions = new AccountRestrictions();
    /** The chats the phone has: its history sync hands them to each companion it links. */
    final List<NewPhone.PhoneChat> chats;
    private final Map<Integer, Device> companions = new ConcurrentSkipListMap<>();
    private final AtomicInteger nextDevice = new AtomicInteger(1);
    private final AtomicInteger keyIndex = new AtomicInteger(0);

    Account(String number, String lid, byte[] identityPrivate, byte[] identityPublic, boolean lidOnly, boolean lidLookup,
            List<NewPhone.PhoneChat> chats) {
        this.number = number;
        this.chats = List.copyOf(chats);
        this.lidOnly = lidOnly;
        this.lidLookup = lidLookup;
        this.lid = lid;
        this.identityPrivate = identityPrivate;
        this.identityPublic = identityPublic;
    }

    Device link(byte[] noisePublic, byte[] identityPublic, ChatConnection.Registration registration) {
        var device = new Device(nextDevice.getAndIncrement(), keyIndex.incrementAndGet(), noisePublic, identityPublic,
                registration);
        companions.put(device.id, device);
        return device;
    }

    List<Device> companions() {
        return List.copyOf(companions.values());
    }

    Device companion(int id) {
        return companions.get(id);
    }

    void remove(int deviceId) {
        companions.remove(deviceId);
    }

    List<Device> unlinkAll() {
        var removed = companions();
        companions.clear();
        return removed;
    }

    String pnJid() {
        return number + "@s.whatsapp.net";
    }

    String lidJid() {
        return lid + "@lid";
    }

    /** The user JID in one addressing mode or the other. */
    String jid(boolean lidAddressed) {
        return lidAddressed ? lidJid() : pnJid();
    }

    /** What {@code GET /phones/{number}} shows. */
    Map<String, Object> view() {
        return Map.of("number", number, "lid", lid, "lidOnly", lidOnly,
                "devices", companions().stream().map(d -> Map.of("id", d.id, "keyIndex", d.keyIndex,
                        "online", d.connection() != null)).toList());
    }
}

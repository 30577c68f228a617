package io.wagate.emulator;

import io.wagate.emulator.fault.FaultType;
import io.wagate.wa.binary.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivery between devices: a sent {@code <message>} is acked to its sender and split per recipient device
 * (each gets its own {@code <enc>}); receipts go back to the sender's devices; a device that is not
 * connected gets its stanzas when it logs in.
 */
final class Routing {
    private final Switchboard switchboard;
    private final StatusRouting statuses;

    Routing(Switchboard switchboard) {
        this.switchboard = switchboard;
        this.statuses = new StatusRouting(switchboard);
    }

    void message(ChatConnection from, Node message) {
        if (from.device == null || switchboard.silenced(from)) {
            return;
        }
        String id = message.attr("id");
        String to = message.attr("to");
        if (to != null && Jids.server(to).equals("g.us")) {
            switchboard.groupRouting().message(from, message);
            return;
        }
        if (StatusRouting.isStatus(to)) {
            statuses.message(from, message);
            return;
        }
        String t = Login.now();
        Account sender = from.account;
        Account recipient = switchboard.accountFor(to);
        var ackError = switchboard.faults().find(FaultType.ACK_ERROR, sender.number);
        boolean toNumber = to != null && Jids.server(to).equals("s.whatsapp.net") && recipient != sender;
        // WhatsApp refuses a send to the number of a person it moved to a LID (the send must name the LID) with
        // 463, as it does a send opening a new chat while the sender is timelocked; an ack-error fault with
        // another code refuses every send to someone else.
        boolean toPerson = to != null && Jids.server(to).matches("s\\.whatsapp\\.net|lid") && recipient != sender;
        Integer refusal = toNumber && recipient != null && recipient.lidOnly
                || toPerson && sender.restrictions.refusesNewChatWith(recipient, java.time.Instant.now()) ? Integer.valueOf(463)
                : to != null && recipient != sender && ackError.isPresent()
                        && (ackError.get().code() != 463 || toNumber) ? Integer.valueOf(ackError.get().code()) : null;
        if (refusal != null) {
            from.send(new Node("ack", Node.attrsOf("class", "message", "id", id, "from", to, "t", t,
                    "error", refusal.toString())));
            return;
        }
        var extra = new ArrayList<Node>();
        Node deviceIdentity = message.child("device-identity");
        if (deviceIdentity != null) {
            extra.add(deviceIdentity);
        }
        // A retry receipt's answer (Baileys' sendMessagesAgain) names the one device in `to` and may carry its <enc>
        // directly only; a copy for one of the sender's own devices then names the chat in `recipient`.
        String chat = message.attr("recipient") != null ? message.attr("recipient") : to;
        Account chatAccount = message.attr("recipient") != null ? switchboard.accountFor(chat) : recipient;
        var targets = new ArrayList<Node>();
        if (message.child("participants") != null) {
            targets.addAll(message.child("participants").children("to"));
        } else if (!message.children("enc").isEmpty() && to != null && Jids.device(to) != 0) {
            targets.add(new Node("to", Node.attrsOf("jid", to), message.children("enc")));
        }
        // Baileys' answer to a retry receipt carries a direct <enc> with the retry's count (besides its participants).
        boolean firstSend = message.children("enc").stream().noneMatch(enc -> enc.attr("count") != null);
        for (Node participant : targets) {
            String deviceJid = participant.attr("jid");
            Account account = switchboard.accountFor(deviceJid);
            Device device = account == null ? null : account.companion(Jids.device(deviceJid));
            if (device == null) {
                continue;
            }
            boolean damage = firstSend && account != sender
                    && switchboard.faults().has(FaultType.UNDECRYPTABLE, account.number);
            var content = new ArrayList<Node>(damage ? participant.children().stream().map(Routing::damaged).toList()
                    : participant.children());
            content.addAll(extra);
            boolean ownDevice = account == sender;
            var attrs = sender.lidOnly
                    ? Node.attrsOf("from", from.device.lidJid(sender), "sender_pn", sender.pnJid(),
                            "addressing_mode", "lid", "id", id, "t", t, "type", message.attr("type"), "notify", from.pushName)
                    : Node.attrsOf("from", from.device.pnJid(sender), "sender_lid", sender.lidJid(),
                            "addressing_mode", "pn", "id", id, "t", t, "type", message.attr("type"), "notify", from.pushName);
            if (ownDevice) {
                // The copy for the sender's other device names the chat and the chat's other address, not the
                // sender's (Baileys takes sender_lid/sender_pn, then peer_recipient_*, as the chat's alternative id).
                attrs.remove("sender_lid");
                attrs.remove("sender_pn");
                if (chatAccount == null) {
                    attrs.put("recipient", chat);
                } else if (chatAccount.lidOnly) {
                    attrs.put("recipient", chatAccount.lidJid());
                    attrs.put("peer_recipient_pn", chatAccount.pnJid());
                } else {
                    attrs.put("recipient", chatAccount.pnJid());
                    attrs.put("peer_recipient_lid", chatAccount.lidJid());
                }
            }
            deliver(device, new Node("message", attrs, content));
            switchboard.counters().messageRouted();
        }
        if (toPerson && recipient != null) {
            sender.restrictions.chattedWith(recipient);
            recipient.restrictions.chattedWith(sender);
        }
        from.send(new Node("ack", Node.attrsOf("class", "message", "id", id, "from", to, "t", t)));
    }

    /** A receipt from a recipient's device goes to every device of the original sender. */
    void receipt(ChatConnection from, Node receipt) {
        if (from.device == null || switchboard.silenced(from)) {
            return;
        }
        String to = receipt.attr("to");
        from.send(new Node("ack", Node.attrsOf("class", "receipt", "id", receipt.attr("id"), "from", to,
                "type", receipt.attr("type"))));
        if (!"retry".equals(receipt.attr("type"))) {
            delivered(from.device, receipt);
        }
        if (HistoryNotice.isPeerReceipt(receipt.attr("type"))) {
            // Addressed to the phone, which is the emulator: nothing to forward.
            if ("hist_sync".equals(receipt.attr("type"))) {
                from.device.historySynced = true;
            }
            return;
        }
        if (to == null) {
            return;
        }
        if (Jids.server(to).equals("g.us")) {
            switchboard.groupRouting().receipt(from, receipt);
            return;
        }
        if (StatusRouting.isStatus(to)) {
            statuses.receipt(from, receipt);
            return;
        }
        Account target = switchboard.accountFor(to);
        if (target == null) {
            return;
        }
        // A client that is not "available" reports delivery as "inactive"; the sender hears a plain delivery.
        String type = "inactive".equals(receipt.attr("type")) ? null : receipt.attr("type");
        // A retry receipt names the device that could not decrypt (WhatsApp's `from` is device-qualified), so the
        // sender encrypts again for that one device.
        String sender = "retry".equals(type) ? from.device.jid(from.account, from.account.lidOnly)
                : from.account.jid(from.account.lidOnly);
        var attrs = Node.attrsOf("from", sender, "id", receipt.attr("id"), "t", Login.now(), "type", type);
        for (Device device : target.companions()) {
            if (device != from.device) {
                deliver(device, new Node("receipt", attrs, receipt.content() instanceof List<?> ? receipt.content() : null));
                switchboard.counters().receiptRouted();
            }
        }
    }

    /**
     * At login: what an earlier connection of the device was sent but never acknowledged (it may have died with
     * it), then what waited offline. As WhatsApp's, a message counts as delivered only once the client acks it.
     */
    void flushOffline(ChatConnection connection) {
        var queue = connection.device.offlineQueue();
        synchronized (queue) {
            var unacked = connection.device.unacked();
            var again = new ArrayList<>(unacked.values());
            unacked.clear();
            for (int i = again.size() - 1; i >= 0; i--) {
                queue.addFirst(again.get(i));
            }
            while (!queue.isEmpty()) {
                send(connection, queue.pollFirst());
            }
        }
    }

    /** Sends to the device now, or queues it until the device logs in. */
    void deliver(Device device, Node node) {
        var queue = device.offlineQueue();
        synchronized (queue) {
            var connection = device.connection();
            if (connection != null && !switchboard.silenced(connection)) {
                send(connection, node);
            } else {
                queue.addLast(node);
            }
        }
    }

    /**
     * A receipt for messages the device was sent acknowledges them, as WhatsApp's does (Baileys sends a receipt,
     * not an ack, for a message it decrypted): they are not sent again at its next login.
     */
    private static void delivered(Device device, Node receipt) {
        var ids = new ArrayList<String>();
        ids.add(receipt.attr("id"));
        if (receipt.child("list") != null) {
            receipt.child("list").children("item").forEach(item -> ids.add(item.attr("id")));
        }
        synchronized (device.offlineQueue()) {
            device.unacked().keySet().removeIf(key -> key.startsWith("message/")
                    && ids.stream().anyMatch(id -> id != null && key.endsWith("/" + id)));
        }
    }

    /**
     * The client's {@code <ack>} for a message or receipt it was sent: delivered for good (what a connection that
     * died took without acking is sent again at the next login, receipts too).
     */
    void acked(ChatConnection from, Node ack) {
        if (from.device == null || !("message".equals(ack.attr("class")) || "receipt".equals(ack.attr("class")))) {
            return;
        }
        var queue = from.device.offlineQueue();
        synchronized (queue) {
            from.device.unacked().remove(ackKey(ack));
        }
        if (!"message".equals(ack.attr("class"))) {
            return;
        }
        // A refusal (Baileys nacks what it cannot parse or decrypt) counts as delivered too, as WhatsApp's does.
        String error = ack.attr("error");
        if (error != null && error.matches("[0-9]{1,4}") && ack.attr("id") != null) {
            switchboard.counters().nacked(ack.attr("id"), Integer.parseInt(error));
        }
    }

    /** Caller holds the device's queue lock. */
    private static void send(ChatConnection connection, Node node) {
        if ("message".equals(node.tag()) || "receipt".equals(node.tag())) {
            connection.device.unacked().put(ackKey(node.tag(), node.attr("from"), node.attr("id"), node.attr("type"),
                    node.attr("participant")), node);
        }
        connection.send(node);
    }

    /** An {@code <enc>} whose ciphertext after its version byte is inverted: it cannot be read, let alone decrypted. */
    private static Node damaged(Node enc) {
        if (!(enc.content() instanceof byte[] bytes) || bytes.length == 0) {
            return enc;
        }
        byte[] copy = bytes.clone();
        for (int i = 1; i < copy.length; i++) {
            copy[i] ^= (byte) 0xff;
        }
        return new Node(enc.tag(), enc.attrs(), copy);
    }

    /** A message by sender and id; a receipt by sender, type and participant too (a group's members send one each). */
    private static String ackKey(String tag, String sender, String id, String type, String participant) {
        String user = Jids.user(sender == null ? "" : sender);
        return "message".equals(tag) ? "message/" + user + "/" + id
                : "receipt/" + user + "/" + type + "/" + (participant == null ? "" : Jids.user(participant)) + "/" + id;
    }

    /** Baileys' ack names the stanza's sender in {@code to} and repeats its type and participant. */
    private static String ackKey(Node ack) {
        return ackKey(ack.attr("class"), ack.attr("to"), ack.attr("id"), ack.attr("type"), ack.attr("participant"));
    }

}

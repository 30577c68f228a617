package io.wagate.emulator;

import io.wagate.wa.binary.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Statuses (stories): a {@code <message to="status@broadcast">} goes to the devices its {@code <participants>}
 * name (Baileys lists every device of the status's recipients there, each with the sender key), as WhatsApp
 * delivers a status: from {@code status@broadcast}, the poster's device as {@code participant} (its LID, the
 * identity Baileys encrypts statuses with), with the sender-key message every recipient shares. A recipient's
 * receipt goes back to the poster's devices.
 */
final class StatusRouting {
    static final String STATUS = "status@broadcast";

    private final Switchboard switchboard;

    StatusRouting(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    static boolean isStatus(String jid) {
        return STATUS.equals(jid);
    }

    void message(ChatConnection from, Node message) {
        String id = message.attr("id");
        String t = Login.now();
        Account sender = from.account;
        Node skmsg = message.children("enc").stream().filter(e -> "skmsg".equals(e.attr("type"))).findFirst()
                .orElse(null);
        Node deviceIdentity = message.child("device-identity");
        var attrs = Node.attrsOf("from", STATUS, "participant", from.device.lidJid(sender),
                "participant_pn", sender.pnJid(), "addressing_mode", "lid", "id", id, "t", t,
                "type", message.attr("type"), "notify", from.pushName);
        Node participants = message.child("participants");
        for (Node to : participants == null ? List.<Node>of() : participants.children("to")) {
            String deviceJid = to.attr("jid");
            Account account = switchboard.accountFor(deviceJid);
            Device device = account == null ? null : account.companion(Jids.device(deviceJid));
            if (device == null || device == from.device) {
                continue;
            }
            var content = new ArrayList<Node>(to.children());
            if (skmsg != null) {
                content.add(skmsg);
            }
            if (deviceIdentity != null) {
                content.add(deviceIdentity);
            }
            switchboard.routing().deliver(device, new Node("message", attrs, content));
            switchboard.counters().messageRouted();
        }
        Map<String, String> ack = Node.attrsOf("class", "message", "id", id, "from", STATUS, "t", t);
        from.send(new Node("ack", ack));
    }

    /** A recipient's receipt of a status names its poster as {@code participant}: it goes to the poster's devices. */
    void receipt(ChatConnection from, Node receipt) {
        Account poster = switchboard.accountFor(receipt.attr("participant"));
        if (poster == null) {
            return;
        }
        String type = "inactive".equals(receipt.attr("type")) ? null : receipt.attr("type");
        var attrs = Node.attrsOf("from", from.account.pnJid(), "id", receipt.attr("id"), "t", Login.now(),
                "type", type);
        for (Device device : poster.companions()) {
            switchboard.routing().deliver(device, new Node("receipt", attrs,
                    receipt.content() instanceof List<?> ? receipt.content() : null));
            switchboard.counters().receiptRouted();
        }
    }
}

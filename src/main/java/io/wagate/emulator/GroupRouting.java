package io.wagate.emulator;

import io.wagate.wa.binary.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Group messages: Baileys sends one {@code <message to=group>} with a {@code <participants>} list of per-device
 * {@code pkmsg}/{@code msg} nodes (the sender key distribution) and one {@code skmsg}; each member device gets
 * its own node (if any) and the skmsg, {@code from} the group with the sender as {@code participant}. Receipts
 * go back to the sender's devices naming the member who sent them.
 */
final class GroupRouting {
    private final Switchboard switchboard;

    GroupRouting(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    void message(ChatConnection from, Node message) {
        String id = message.attr("id");
        String to = message.attr("to");
        String t = Login.now();
        Account sender = from.account;
        Group group = switchboard.groups().group(to);
        if (group == null) {
            ack(from, id, to, t, "404");
            return;
        }
        List<Account> members;
        synchronized (group) {
            if (!group.isMember(sender)) {
                ack(from, id, to, t, "403");
                return;
            }
            members = group.members();
        }
        var own = new HashMap<String, Node>();
        Node participants = message.child("participants");
        for (Node participant : participants == null ? List.<Node>of() : participants.children("to")) {
            Account account = switchboard.accountFor(participant.attr("jid"));
            if (account != null) {
                own.put(account.number + ":" + Jids.device(participant.attr("jid")), participant);
            }
        }
        Node skmsg = message.children("enc").stream().filter(e -> "skmsg".equals(e.attr("type"))).findFirst().orElse(null);
        Node deviceIdentity = message.child("device-identity");
        var attrs = Node.attrsOf("from", group.jid(), "participant", group.name(sender, from.device),
                "addressing_mode", group.lidAddressed ? "lid" : "pn", "id", id, "t", t, "type", message.attr("type"),
                "notify", from.pushName);
        attrs.put(group.lidAddressed ? "participant_pn" : "participant_lid",
                group.lidAddressed ? sender.pnJid() : sender.lidJid());
        for (Account member : members) {
            for (Device device : member.companions()) {
                if (device == from.device) {
                    continue;
                }
                var content = new ArrayList<Node>();
                Node mine = own.get(member.number + ":" + device.id);
                if (mine != null) {
                    content.addAll(mine.children());
                }
                if (skmsg != null) {
                    content.add(skmsg);
                }
                if (mine != null && deviceIdentity != null) {
                    content.add(deviceIdentity);
                }
                if (!content.isEmpty()) {
                    switchboard.routing().deliver(device, new Node("message", attrs, content));
                    switchboard.counters().messageRouted();
                }
            }
        }
        ack(from, id, to, t, null);
    }

    /** A member's receipt for a group message goes to the sender's devices, naming the member as participant. */
    void receipt(ChatConnection from, Node receipt) {
        Group group = switchboard.groups().group(receipt.attr("to"));
        Account target = switchboard.accountFor(receipt.attr("participant"));
        if (group == null || target == null) {
            return;
        }
        String type = "inactive".equals(receipt.attr("type")) ? null : receipt.attr("type");
        var attrs = Node.attrsOf("from", group.jid(), "participant", group.name(from.account), "id", receipt.attr("id"),
                "t", Login.now(), "type", type);
        for (Device device : target.companions()) {
            if (device != from.device) {
                switchboard.routing().deliver(device, new Node("receipt", attrs,
                        receipt.content() instanceof List<?> ? receipt.content() : null));
                switchboard.counters().receiptRouted();
            }
        }
    }

    private static void ack(ChatConnection from, String id, String to, String t, String error) {
        Map<String, String> attrs = Node.attrsOf("class", "message", "id", id, "from", to, "t", t, "error", error);
        from.send(new Node("ack", attrs));
    }
}

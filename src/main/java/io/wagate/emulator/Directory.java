package io.wagate.emulator;

import io.wagate.wa.binary.Node;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who has which devices and keys: usync (contact, devices with key indexes) and pre-key bundles, one
 * one-time pre-key handed out (and forgotten) per fetch.
 */
final class Directory {
    private final Switchboard switchboard;

    Directory(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    List<Node> usync(Node usync) {
        var users = new ArrayList<Node>();
        var query = usync.child("query") == null ? List.<Node>of() : usync.child("query").children();
        boolean devices = query.stream().anyMatch(n -> n.tag().equals("devices"));
        boolean contact = query.stream().anyMatch(n -> n.tag().equals("contact"));
        boolean lid = query.stream().anyMatch(n -> n.tag().equals("lid"));
        for (Node user : usync.child("list") == null ? List.<Node>of() : usync.child("list").children("user")) {
            String jid = user.attr("jid");
            Account account = jid == null
                    ? switchboard.accountOrNull(contact(user))
                    : switchboard.accountFor(jid);
            var protocols = new ArrayList<Node>();
            if (devices) {
                var list = new ArrayList<Node>();
                if (account != null) {
                    for (Device device : account.companions()) {
                        list.add(new Node("device", Node.attrsOf("id", Integer.toString(device.id),
                                "key-index", Integer.toString(device.keyIndex))));
                    }
                }
                protocols.add(new Node("devices", Map.of(), List.of(new Node("device-list", Map.of(), list),
                        new Node("key-index-list", Node.attrsOf("ts", Login.now())))));
            }
            // A LID is a LID's own: only a phone-number user gets its mapping.
            if (lid && account != null && (jid == null || !Jids.server(jid).endsWith("lid"))
                    && (account.lidLookup || devices)) {
                protocols.add(new Node("lid", Node.attrsOf("val", account.lidJid())));
            }
            if (contact) {
                protocols.add(new Node("contact", Node.attrsOf("type", account == null ? "out" : "in")));
            }
            String answered = jid != null ? jid : account == null ? "" : account.pnJid();
            users.add(new Node("user", Node.attrsOf("jid", answered), protocols));
        }
        return List.of(new Node("usync", Node.attrsOf("sid", usync.attr("sid"), "mode", usync.attr("mode"),
                "last", "true", "index", "0", "context", usync.attr("context")),
                List.of(new Node("list", Map.of(), users))));
    }

    /** The number a usync user names by {@code <contact>}, without its plus. */
    private static String contact(Node user) {
        Node contact = user.child("contact");
        byte[] bytes = contact == null ? null : contact.contentBytes();
        return bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace("+", "");
    }

    List<Node> preKeys(Node keyRequest) {
        var users = new ArrayList<Node>();
        for (Node user : keyRequest.children("user")) {
            String jid = user.attr("jid");
            Account account = switchboard.accountFor(jid);
            Device device = account == null ? null : account.companion(Jids.device(jid));
            if (device == null) {
                users.add(new Node("user", Node.attrsOf("jid", jid), List.of(new Node("error",
                        Node.attrsOf("code", "404", "text", "item-not-found")))));
                continue;
            }
            var content = new ArrayList<Node>(List.of(
                    new Node("registration", Map.of(), ByteBuffer.allocate(4).putInt(device.registration.registrationId()).array()),
                    new Node("type", Map.of(), new byte[] {5}),
                    new Node("identity", Map.of(), device.identityPublic),
                    new Node("skey", Map.of(), List.of(new Node("id", Map.of(), device.signedPreKeyId),
                            new Node("value", Map.of(), device.signedPreKey),
                            new Node("signature", Map.of(), device.signedPreKeySignature)))));
            var preKey = device.preKeys.pollFirstEntry();
            if (preKey != null) {
                byte[] id = ByteBuffer.allocate(4).putInt(preKey.getKey()).array();
                content.add(new Node("key", Map.of(), List.of(new Node("id", Map.of(), java.util.Arrays.copyOfRange(id, 1, 4)),
                        new Node("value", Map.of(), preKey.getValue()))));
            }
            users.add(new Node("user", Node.attrsOf("jid", jid), content));
        }
        return List.of(new Node("list", Map.of(), users));
    }
}

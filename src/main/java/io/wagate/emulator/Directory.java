package io.wagate.emulator;

import io.wagate.emulator.stopgap.Node;
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
        var query = usync.child("query").map(Node::children).orElse(List.of());
        boolean devices = query.stream().anyMatch(n -> n.tag().equals("devices"));
        boolean contact = query.stream().anyMatch(n -> n.tag().equals("contact"));
        boolean lid = query.stream().anyMatch(n -> n.tag().equals("lid"));
        for (Node user : usync.child("list").map(l -> l.children("user")).orElse(List.of())) {
            String jid = user.attr("jid");
            Account account = jid == null
                    ? switchboard.accountOrNull(user.child("contact").map(c -> new String(c.bytes()).replace("+", "")).orElse(""))
                    : switchboard.accountFor(jid);
            var protocols = new ArrayList<Node>();
            if (devices) {
                var list = new ArrayList<Node>();
                if (account != null) {
                    for (Device device : account.companions()) {
                        list.add(Node.of("device", Node.attrs("id", Integer.toString(device.id),
                                "key-index", Integer.toString(device.keyIndex))));
                    }
                }
                protocols.add(Node.of("devices", Map.of(), List.of(Node.of("device-list", Map.of(), list),
                        Node.of("key-index-list", Node.attrs("ts", Login.now())))));
            }
            if (lid && account != null) {
                protocols.add(Node.of("lid", Node.attrs("val", account.lidJid())));
            }
            if (contact) {
                protocols.add(Node.of("contact", Node.attrs("type", account == null ? "out" : "in")));
            }
            String answered = jid != null ? jid : account == null ? "" : account.pnJid();
            users.add(Node.of("user", Node.attrs("jid", answered), protocols));
        }
        return List.of(Node.of("usync", Node.attrs("sid", usync.attr("sid"), "mode", usync.attr("mode"),
                "last", "true", "index", "0", "context", usync.attr("context")),
                List.of(Node.of("list", Map.of(), users))));
    }

    List<Node> preKeys(Node keyRequest) {
        var users = new ArrayList<Node>();
        for (Node user : keyRequest.children("user")) {
            String jid = user.attr("jid");
            Account account = switchboard.accountFor(jid);
            Device device = account == null ? null : account.companion(Jids.device(jid));
            if (device == null) {
                users.add(Node.of("user", Node.attrs("jid", jid), List.of(Node.of("error",
                        Node.attrs("code", "404", "text", "item-not-found")))));
                continue;
            }
            var content = new ArrayList<Node>(List.of(
                    Node.of("registration", Map.of(), ByteBuffer.allocate(4).putInt(device.registration.registrationId()).array()),
                    Node.of("type", Map.of(), new byte[] {5}),
                    Node.of("identity", Map.of(), device.identityPublic),
                    Node.of("skey", Map.of(), List.of(Node.of("id", Map.of(), device.signedPreKeyId),
                            Node.of("value", Map.of(), device.signedPreKey),
                            Node.of("signature", Map.of(), device.signedPreKeySignature)))));
            var preKey = device.preKeys.pollFirstEntry();
            if (preKey != null) {
                byte[] id = ByteBuffer.allocate(4).putInt(preKey.getKey()).array();
                content.add(Node.of("key", Map.of(), List.of(Node.of("id", Map.of(), java.util.Arrays.copyOfRange(id, 1, 4)),
                        Node.of("value", Map.of(), preKey.getValue()))));
            }
            users.add(Node.of("user", Node.attrs("jid", jid), content));
        }
        return List.of(Node.of("list", Map.of(), users));
    }
}

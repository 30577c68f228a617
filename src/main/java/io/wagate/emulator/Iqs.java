package io.wagate.emulator;

import io.wagate.emulator.fault.FaultType;
import io.wagate.wa.binary.Node;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Answers to the IQs a logged-in client sends; anything not known here gets an empty result. */
final class Iqs {
    private final Switchboard switchboard;

    /** WhatsApp's defaults; read receipts "all" makes a client send {@code read} (not read-self) receipts. */
    private static final Node PRIVACY = new Node("privacy", Map.of(), List.of(
            category("readreceipts", "all"), category("last", "all"), category("online", "all"),
            category("profile", "all"), category("status", "contacts"), category("groupadd", "all"),
            category("calladd", "all")));

    private static Node category(String name, String value) {
        return new Node("category", Node.attrsOf("name", name, "value", value));
    }

    Iqs(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    void answer(ChatConnection connection, Node iq) {
        String number = connection.account == null ? null : connection.account.number;
        if (switchboard.faults().has(FaultType.SILENCE, number)) {
            return;
        }
        String xmlns = iq.attr("xmlns") == null ? "" : iq.attr("xmlns");
        var iqError = switchboard.faults().find(FaultType.IQ_ERROR, number);
        if (iqError.isPresent() && !xmlns.equals("w:p")) {
            int code = iqError.get().code();
            connection.send(reply(iq, "error", List.of(new Node("error", Node.attrsOf("code", Integer.toString(code),
                    "text", errorText(code))))));
            return;
        }
        if (xmlns.equals("w:g2")) {
            Node answer = switchboard.groups().answer(connection, iq);
            switchboard.later(number, () -> connection.send(answer));
            return;
        }
        Node first = iq.children().isEmpty() ? null : iq.children().getFirst();
        String child = first == null ? "" : first.tag();
        List<Node> content = switch (xmlns + " " + child) {
            case "encrypt count" -> List.of(new Node("count", Node.attrsOf("value",
                    Integer.toString(connection.device == null ? 0 : connection.device.preKeys.size()))));
            case "encrypt digest" -> List.of(new Node("digest", Map.of()));
            case "encrypt key" -> switchboard.directory().preKeys(first);
            case "usync usync" -> switchboard.directory().usync(first);
            case "blocklist " -> List.of(new Node("list", Map.of()));
            case "privacy privacy" -> List.of(PRIVACY);
            case "w:m media_conn" -> List.of(switchboard.media().mediaConn());
            case "w:sync:app:state sync" -> List.of(appStateUpToDate(first));
            case "md link_code_companion_reg" -> switchboard.pairingCode().companion(connection, first);
            case "w:mex query" -> {
                Node result = connection.account == null ? null
                        : connection.account.restrictions.answer(first, java.time.Instant.now());
                yield result == null ? null : List.of(result);
            }
            case "md remove-companion-device" -> {
                switchboard.removeCompanion(connection);
                yield null;
            }
            default -> null;
        };
        if (xmlns.equals("encrypt") && iq.child("list") != null) {
            storePreKeys(connection, iq);
        }
        Node answer = reply(iq, "result", content);
        switchboard.later(number, () -> connection.send(answer));
    }

    /**
     * App state the emulator keeps none of: each collection asked for is answered as up to date (no patches, no
     * snapshot). An empty result instead would make Baileys ask again forever (Socket/chats.js resyncAppState).
     */
    private static Node appStateUpToDate(Node sync) {
        return new Node("sync", Map.of(), sync.children("collection").stream()
                .map(c -> new Node("collection", Node.attrsOf("name", c.attr("name"),
                        "version", c.attr("version") == null ? "0" : c.attr("version"))))
                .toList());
    }

    private static void storePreKeys(ChatConnection connection, Node iq) {
        if (connection.device == null) {
            return;
        }
        for (Node key : iq.child("list").children("key")) {
            int id = new BigInteger(1, key.child("id").contentBytes()).intValue();
            connection.device.preKeys.put(id, key.child("value").contentBytes());
        }
        Node skey = iq.child("skey");
        if (skey != null) {
            connection.device.signedPreKeyId = skey.child("id").contentBytes();
            connection.device.signedPreKey = skey.child("value").contentBytes();
            connection.device.signedPreKeySignature = skey.child("signature").contentBytes();
        }
    }

    /** The text WhatsApp puts beside an IQ error's code. */
    private static String errorText(int code) {
        return switch (code) {
            case 400 -> "bad-request";
            case 401 -> "not-authorized";
            case 403 -> "forbidden";
            case 404 -> "item-not-found";
            case 406 -> "not-acceptable";
            case 429 -> "rate-overlimit";
            case 503 -> "service-unavailable";
            default -> "internal-server-error";
        };
    }

    static Node reply(Node iq, String type, List<Node> content) {
        return new Node("iq", Node.attrsOf("from", Switchboard.SERVER, "type", type, "id", iq.attr("id")), content);
    }
}

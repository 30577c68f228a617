package io.wagate.emulator;

import io.wagate.emulator.control.ControlException;
import io.wagate.wa.crypto.KeyPair;
import io.wagate.wa.binary.Node;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Linking by pairing code, the phone's side: the companion's {@code companion_hello} waits for its number's
 * user to type the code; the phone then unwraps the companion's ephemeral key with it, answers with its own
 * ({@code primary_hello} notification), and on {@code companion_finish} derives the adv secret and pairs. The
 * key wrapping and the key bundle are the protocol layer's {@link io.wagate.wa.pairing.PairingCode}.
 */
final class PairingCode {
    private record Hello(ChatConnection connection, byte[] wrappedCompanionKey, byte[] ref) {}

    private record Waiting(ChatConnection connection, Account account, byte[] companionKey, KeyPair ephemeral) {}

    private final Switchboard switchboard;
    private final Map<String, Hello> hellos = new ConcurrentHashMap<>();
    private final Map<ChatConnection, Waiting> finishing = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final io.wagate.wa.pairing.PairingCode codes = new io.wagate.wa.pairing.PairingCode(random);

    PairingCode(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    /** {@code <link_code_companion_reg stage=companion_hello|companion_finish>}; the iq's answer content. */
    List<Node> companion(ChatConnection connection, Node reg) {
        String number = reg.attr("jid") == null ? "" : reg.attr("jid").split("[@:]")[0];
        switch (reg.attr("stage") == null ? "" : reg.attr("stage")) {
            case "companion_hello" -> {
                byte[] ref = new byte[16];
                random.nextBytes(ref);
                byte[] ascii = java.util.HexFormat.of().formatHex(ref).getBytes(StandardCharsets.US_ASCII);
                hellos.put(number, new Hello(connection,
                        reg.child("link_code_pairing_wrapped_companion_ephemeral_pub").contentBytes(), ascii));
                return List.of(new Node("link_code_companion_reg", Map.of(),
                        List.of(new Node("link_code_pairing_ref", Map.of(), ascii))));
            }
            case "companion_finish" -> {
                finish(connection, reg);
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    /** The number a connection asked a pairing code for and is waiting on, or null. */
    String numberAwaited(ChatConnection connection) {
        return hellos.entrySet().stream().filter(e -> e.getValue().connection == connection).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    void forget(ChatConnection connection) {
        hellos.values().removeIf(h -> h.connection == connection);
        finishing.remove(connection);
    }

    /** The user typed {@code code} on the phone of {@code account}. */
    Map<String, Object> typed(Account account, String code) {
        Hello hello = hellos.remove(account.number);
        if (hello == null || hello.connection.registration == null) {
            throw ControlException.conflict("no companion is waiting for a pairing code for " + account.number);
        }
        String normalized = code.replace("-", "").trim().toUpperCase();
        byte[] companionKey = io.wagate.wa.pairing.PairingCode.unwrapKey(normalized, hello.wrappedCompanionKey);
        var ephemeral = Keys.generate();
        byte[] wrappedPrimary = codes.wrapKey(normalized, ephemeral.publicKey());
        finishing.put(hello.connection, new Waiting(hello.connection, account, companionKey, ephemeral));
        hello.connection.send(new Node("notification", Node.attrsOf("from", Switchboard.SERVER,
                "type", "link_code_companion_reg", "id", java.util.HexFormat.of().formatHex(bytes(6)), "t", Login.now()),
                List.of(new Node("link_code_companion_reg", Node.attrsOf("stage", "primary_hello"), List.of(
                        new Node("link_code_pairing_ref", Map.of(), hello.ref),
                        new Node("primary_identity_pub", Map.of(), account.identityPublic),
                        new Node("link_code_pairing_wrapped_primary_ephemeral_pub", Map.of(), wrappedPrimary))))));
        return Map.of("number", account.number, "stage", "primary_hello");
    }

    private void finish(ChatConnection connection, Node reg) {
        Waiting waiting = finishing.remove(connection);
        if (waiting == null) {
            return;
        }
        byte[] bundle = reg.child("link_code_pairing_wrapped_key_bundle").contentBytes();
        byte[] companionIdentity = reg.child("companion_identity_public").contentBytes();
        var result = io.wagate.wa.pairing.PairingCode.primaryFinish(waiting.ephemeral, waiting.companionKey,
                new KeyPair(waiting.account.identityPrivate, waiting.account.identityPublic), bundle, companionIdentity);
        switchboard.pairing().pair(waiting.account, connection, result.advSecret());
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}

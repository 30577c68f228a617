package io.wagate.emulator;

import io.wagate.emulator.control.ControlException;
import io.wagate.wa.crypto.Curve25519;
import io.wagate.wa.crypto.KeyPair;
import io.wagate.emulator.stopgap.Node;
import io.wagate.wa.crypto.Aes;
import io.wagate.wa.crypto.Bytes;
import io.wagate.wa.crypto.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Linking by pairing code, the phone's side: the companion's {@code companion_hello} waits for its number's
 * user to type the code; the phone then unwraps the companion's ephemeral key with it, answers with its own
 * ({@code primary_hello} notification), and on {@code companion_finish} derives the adv secret and pairs.
 */
final class PairingCode {
    private record Hello(ChatConnection connection, byte[] wrappedCompanionKey, byte[] ref) {}

    private record Waiting(ChatConnection connection, Account account, byte[] companionKey, KeyPair ephemeral) {}

    private final Switchboard switchboard;
    private final Map<String, Hello> hellos = new ConcurrentHashMap<>();
    private final Map<ChatConnection, Waiting> finishing = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

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
                        reg.child("link_code_pairing_wrapped_companion_ephemeral_pub").orElseThrow().bytes(), ascii));
                return List.of(Node.of("link_code_companion_reg", Map.of(),
                        List.of(Node.of("link_code_pairing_ref", Map.of(), ascii))));
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
        byte[] wrapped = hello.wrappedCompanionKey;
        byte[] companionKey = Aes.ctr(pbkdf2(normalized, Arrays.copyOfRange(wrapped, 0, 32)),
                Arrays.copyOfRange(wrapped, 32, 48), Arrays.copyOfRange(wrapped, 48, 80));
        var ephemeral = Keys.generate();
        byte[] salt = bytes(32);
        byte[] iv = bytes(16);
        byte[] wrappedPrimary = Bytes.concat(salt, iv, Aes.ctr(pbkdf2(normalized, salt), iv, ephemeral.publicKey()));
        finishing.put(hello.connection, new Waiting(hello.connection, account, companionKey, ephemeral));
        hello.connection.send(Node.of("notification", Node.attrs("from", Switchboard.SERVER,
                "type", "link_code_companion_reg", "id", java.util.HexFormat.of().formatHex(bytes(6)), "t", Login.now()),
                List.of(Node.of("link_code_companion_reg", Node.attrs("stage", "primary_hello"), List.of(
                        Node.of("link_code_pairing_ref", Map.of(), hello.ref),
                        Node.of("primary_identity_pub", Map.of(), account.identityPublic),
                        Node.of("link_code_pairing_wrapped_primary_ephemeral_pub", Map.of(), wrappedPrimary))))));
        return Map.of("number", account.number, "stage", "primary_hello");
    }

    private void finish(ChatConnection connection, Node reg) {
        Waiting waiting = finishing.remove(connection);
        if (waiting == null) {
            return;
        }
        byte[] bundle = reg.child("link_code_pairing_wrapped_key_bundle").orElseThrow().bytes();
        byte[] companionIdentity = reg.child("companion_identity_public").orElseThrow().bytes();
        byte[] companionShared = Curve25519.sharedKey(waiting.ephemeral.privateKey(), waiting.companionKey);
        byte[] key = Hkdf.derive(companionShared, Arrays.copyOfRange(bundle, 0, 32),
                "link_code_pairing_key_bundle_encryption_key".getBytes(StandardCharsets.US_ASCII), 32);
        byte[] payload = Aes.gcmDecrypt(key, Arrays.copyOfRange(bundle, 32, 44), Arrays.copyOfRange(bundle, 44, bundle.length),
                new byte[0]);
        byte[] secretRandom = Arrays.copyOfRange(payload, 64, 96);
        byte[] identityShared = Curve25519.sharedKey(waiting.account.identityPrivate, companionIdentity);
        byte[] advSecret = Hkdf.derive(Bytes.concat(companionShared, identityShared, secretRandom), null,
                "adv_secret".getBytes(StandardCharsets.US_ASCII), 32);
        switchboard.pairing().pair(waiting.account, connection, advSecret);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] pbkdf2(String code, byte[] salt) {
        try {
            var spec = new PBEKeySpec(code.toCharArray(), salt, 2 << 16, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

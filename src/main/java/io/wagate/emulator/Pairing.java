package io.wagate.emulator;

import io.wagate.emulator.control.ControlException;
import io.wagate.wa.binary.Node;
import io.wagate.wa.crypto.KeyPair;
import io.wagate.wa.pairing.DeviceIdentity;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Linking a companion by QR code: the pair-device refs it shows, the phone's scan answered by
 * {@code pair-success} (the ADV identity, its HMAC and the account signature), and the 515 restart once the
 * companion has signed it.
 */
final class Pairing {
    private static final int REFS = 6;
    private final Map<String, ChatConnection> byRef = new ConcurrentHashMap<>();
    /** pair-success iq id → the connection that must answer it with pair-device-sign. */
    private final Map<String, ChatConnection> awaitingSignature = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    void offerRefs(ChatConnection connection) {
        var refs = new ArrayList<Node>();
        for (int i = 0; i < REFS; i++) {
            String ref = "2@" + token(24);
            byRef.put(ref, connection);
            refs.add(new Node("ref", Map.of(), ref.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        connection.send(new Node("iq", Node.attrsOf("from", Switchboard.SERVER, "type", "set", "id", token(8), "xmlns", "md"),
                List.of(new Node("pair-device", Map.of(), refs))));
    }

    void forget(ChatConnection connection) {
        byRef.values().removeIf(c -> c == connection);
        awaitingSignature.values().removeIf(c -> c == connection);
    }

    /** The phone scanned {@code https://wa.me/settings/linked_devices#ref,noise,identity,adv,platform}. */
    Map<String, Object> scan(Account account, String qr) {
        String data = qr.substring(qr.indexOf('#') + 1);
        String[] parts = data.split(",");
        if (parts.length < 4) {
            throw ControlException.badRequest("not a WhatsApp linking QR string: " + qr);
        }
        ChatConnection connection = byRef.get(parts[0]);
        if (connection == null || connection.registration == null) {
            throw ControlException.conflict("no companion is showing this QR code now (expired, or already scanned)");
        }
        byte[] noisePublic = Base64.getDecoder().decode(parts[1]);
        byte[] identityPublic = Base64.getDecoder().decode(parts[2]);
        byte[] advSecret = Base64.getDecoder().decode(parts[3]);
        if (!Arrays.equals(noisePublic, connection.registration.noisePublic())
                || !Arrays.equals(identityPublic, connection.registration.identityPublic())) {
            throw ControlException.conflict("the QR code's keys are not those of the companion that showed it");
        }
        forget(connection);
        return pair(account, connection, advSecret);
    }

    /** Links the waiting companion to the account and sends it {@code pair-success}. */
    Map<String, Object> pair(Account account, ChatConnection connection, byte[] advSecret) {
        var registration = connection.registration;
        Device device = account.link(registration.noisePublic(), registration.identityPublic(), registration);
        byte[] identityHmac = DeviceIdentity.issue(Keys.signer(), new KeyPair(account.identityPrivate, account.identityPublic),
                advSecret, registration.identityPublic(), new DeviceIdentity.Grant(random.nextInt(1, Integer.MAX_VALUE),
                        device.keyIndex, Instant.now().getEpochSecond(), false));
        String id = token(8);
        awaitingSignature.put(id, connection);
        connection.send(new Node("iq", Node.attrsOf("from", Switchboard.SERVER, "type", "set", "id", id, "xmlns", "md",
                "t", Long.toString(Instant.now().getEpochSecond())), List.of(new Node("pair-success", Map.of(), List.of(
                new Node("device-identity", Map.of(), identityHmac),
                new Node("platform", Node.attrsOf("name", registration.platform())),
                new Node("device", Node.attrsOf("jid", device.pnJid(account), "lid", device.lidJid(account))))))));
        return Map.of("number", account.number, "device", device.id, "jid", device.pnJid(account));
    }

    /** The companion's answer to pair-success: the restart (515) that makes it log in as the new device. */
    boolean answered(ChatConnection from, Node iq) {
        ChatConnection connection = awaitingSignature.remove(iq.attr("id"));
        if (connection != from) {
            return false;
        }
        from.send(new Node("stream:error", Node.attrsOf("code", "515")));
        from.drop();
        return true;
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

}

package io.wagate.emulator;

import io.wagate.emulator.control.ControlException;
import io.wagate.emulator.stopgap.Node;
import io.wagate.wa.crypto.Adv;
import io.wagate.emulator.stopgap.Proto;
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
            refs.add(Node.of("ref", Map.of(), ref.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        connection.send(Node.of("iq", Node.attrs("from", Switchboard.SERVER, "type", "set", "id", token(8), "xmlns", "md"),
                List.of(Node.of("pair-device", Map.of(), refs))));
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
        byte[] deviceDetails = Proto.writer().number(1, random.nextInt(1, Integer.MAX_VALUE))
                .number(2, Instant.now().getEpochSecond()).number(3, device.keyIndex).build();
        byte[] accountSignature = Keys.sign(account.identityPrivate,
                Adv.accountMessage(deviceDetails, registration.identityPublic(), false));
        byte[] signedIdentity = Proto.writer().bytes(1, deviceDetails).bytes(2, account.identityPublic)
                .bytes(3, accountSignature).build();
        byte[] hmac = Adv.hmac(advSecret, signedIdentity, false);
        byte[] identityHmac = Proto.writer().bytes(1, signedIdentity).bytes(2, hmac).build();
        String id = token(8);
        awaitingSignature.put(id, connection);
        connection.send(Node.of("iq", Node.attrs("from", Switchboard.SERVER, "type", "set", "id", id, "xmlns", "md",
                "t", Long.toString(Instant.now().getEpochSecond())), List.of(Node.of("pair-success", Map.of(), List.of(
                Node.of("device-identity", Map.of(), identityHmac),
                Node.of("platform", Node.attrs("name", registration.platform())),
                Node.of("device", Node.attrs("jid", device.pnJid(account), "lid", device.lidJid(account))))))));
        return Map.of("number", account.number, "device", device.id, "jid", device.pnJid(account));
    }

    /** The companion's answer to pair-success: the restart (515) that makes it log in as the new device. */
    boolean answered(ChatConnection from, Node iq) {
        ChatConnection connection = awaitingSignature.remove(iq.attr("id"));
        if (connection != from) {
            return false;
        }
        from.send(Node.of("stream:error", Node.attrs("code", "515")));
        from.drop();
        return true;
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

}

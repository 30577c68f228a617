package io.wagate.emulator;

import io.wagate.emulator.fault.FaultType;
import io.wagate.emulator.stopgap.Node;
import io.wagate.emulator.stopgap.Proto;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What follows the handshake: a registration waits for pairing; a login gets {@code <success>} (or the
 * failure a fault or an unlinked device calls for), its offline queue and {@code <ib><offline/>}.
 */
final class Login {
    private final Switchboard switchboard;

    Login(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    void loggingIn(ChatConnection connection, Proto payload) {
        Proto pairingData = payload.message(19);
        if (pairingData != null) {
            register(connection, pairingData);
            return;
        }
        String number = Long.toUnsignedString(payload.number(1) == null ? 0 : payload.number(1));
        int deviceId = payload.number(18) == null ? 0 : payload.number(18).intValue();
        if (switchboard.faults().has(FaultType.CLIENT_OUTDATED, number)) {
            fail(connection, "405");
            return;
        }
        Account account = switchboard.accountOrNull(number);
        Device device = account == null ? null : account.companion(deviceId);
        if (device == null || !java.util.Arrays.equals(device.noisePublic, connection.clientStatic())) {
            fail(connection, "401");
            return;
        }
        connection.account = account;
        connection.device = device;
        ChatConnection previous = device.connection();
        device.online(connection);
        if (previous != null && previous != connection) {
            previous.send(Node.of("stream:error", Map.of(), List.of(Node.of("conflict", Node.attrs("type", "replaced")))));
            previous.drop();
        }
        connection.send(Node.of("success", Node.attrs("t", now(), "lid", device.lidJid(account), "props", "0",
                "creation", now(), "location", "emu", "display_name", "")));
        switchboard.routing().flushOffline(connection);
        connection.send(Node.of("ib", Map.of(), List.of(Node.of("offline", Node.attrs("count", "0")))));
    }

    private void register(ChatConnection connection, Proto data) {
        byte[] props = data.bytes(8);
        String platform = "emulator";
        if (props != null) {
            byte[] os = Proto.parse(props).bytes(1);
            if (os != null) {
                platform = new String(os, StandardCharsets.UTF_8);
            }
        }
        connection.registration = new ChatConnection.Registration(connection.clientStatic(), data.bytes(3),
                new BigInteger(1, data.bytes(1)).intValue(), data.bytes(4), data.bytes(5), data.bytes(6), platform);
        switchboard.pairing().offerRefs(connection);
    }

    private static void fail(ChatConnection connection, String reason) {
        connection.send(Node.of("failure", Node.attrs("reason", reason, "location", "emu")));
        connection.drop();
    }

    static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }
}

package io.wagate.emulator;

import io.wagate.emulator.fault.FaultType;
import io.wagate.wa.binary.Node;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wagate.wa.proto.ClientPayload;
import io.wagate.wa.proto.DeviceProps;
import java.math.BigInteger;
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

    void loggingIn(ChatConnection connection, ClientPayload payload) {
        if (payload.hasDevicePairingData()) {
            register(connection, payload.getDevicePairingData());
            return;
        }
        String number = Long.toUnsignedString(payload.getUsername());
        int deviceId = payload.getDevice();
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
            previous.send(new Node("stream:error", Map.of(), List.of(new Node("conflict", Node.attrsOf("type", "replaced")))));
            previous.drop();
        }
        connection.send(new Node("success", Node.attrsOf("t", now(), "lid", device.lidJid(account), "props", "0",
                "creation", now(), "location", "emu", "display_name", "")));
        switchboard.routing().flushOffline(connection);
        connection.send(new Node("ib", Map.of(), List.of(new Node("offline", Node.attrsOf("count", "0")))));
        if (!device.historySynced) {
            connection.send(HistoryNotice.to(account));
        }
    }

    private void register(ChatConnection connection, ClientPayload.DevicePairingRegistrationData data) {
        String platform = "emulator";
        if (data.hasDeviceProps()) {
            try {
                DeviceProps props = DeviceProps.parseFrom(data.getDeviceProps());
                if (props.hasOs()) {
                    platform = props.getOs();
                }
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException("bad device props", e);
            }
        }
        connection.registration = new ChatConnection.Registration(connection.clientStatic(), data.getEIdent().toByteArray(),
                new BigInteger(1, data.getERegid().toByteArray()).intValue(), data.getESkeyId().toByteArray(),
                data.getESkeyVal().toByteArray(), data.getESkeySig().toByteArray(), platform);
        switchboard.pairing().offerRefs(connection);
    }

    /** The client closes on a failure; closing at once could lose the failure on its way (then a reconnect loop). */
    private void fail(ChatConnection connection, String reason) {
        connection.send(new Node("failure", Node.attrsOf("reason", reason, "location", "emu")));
        switchboard.closeSoon(connection);
    }

    static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }
}

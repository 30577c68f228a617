package io.wagate.emulator;

import io.wagate.emulator.control.Control;
import io.wagate.emulator.control.ControlException;
import io.wagate.emulator.fault.Fault;
import io.wagate.emulator.fault.Faults;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The emulator's state: accounts, live connections, faults and counters; the control API acts on it. */
public final class Switchboard implements Control {
    private final ServerKeys keys;
    private final Faults faults = new Faults();
    private final Stats stats = new Stats();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Set<ChatConnection> connections = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    Switchboard(ServerKeys keys) {
        this.keys = keys;
    }

    ServerKeys keys() {
        return keys;
    }

    public Faults faults() {
        return faults;
    }

    public Stats counters() {
        return stats;
    }

    ChatConnection connected(ChatConnection.Link link) {
        var connection = new ChatConnection(this, link);
        connections.add(connection);
        stats.connected();
        return connection;
    }

    void disconnected(ChatConnection connection) {
        if (connections.remove(connection)) {
            stats.disconnected();
        }
    }

    void closeAll() {
        connections.forEach(ChatConnection::drop);
    }

    @Override
    public Object addPhone(String number) {
        if (!number.matches("[1-9][0-9]{6,14}")) {
            throw ControlException.badRequest("'number' must be a phone number in international form, digits only");
        }
        var keyPair = ServerKeys.generate();
        String lid = Long.toString(100_000_000_000_000L + Math.floorMod(random.nextLong(), 899_999_999_999_999L));
        var account = new Account(number, lid, keyPair.staticPrivate(), keyPair.staticPublic());
        if (accounts.putIfAbsent(number, account) != null) {
            throw ControlException.conflict("the phone " + number + " exists already");
        }
        return account.view();
    }

    Account account(String number) {
        var account = accounts.get(number);
        if (account == null) {
            throw ControlException.notFound("no phone " + number + " (POST /phones first)");
        }
        return account;
    }

    @Override
    public Object phone(String number) {
        return account(number).view();
    }

    @Override
    public Object scan(String number, String qr) {
        account(number);
        throw new ControlException(501, "QR linking is not served yet");
    }

    @Override
    public Object enterPairingCode(String number, String code) {
        account(number);
        throw new ControlException(501, "pairing-code linking is not served yet");
    }

    @Override
    public Object unlink(String number) {
        var account = account(number);
        var removed = account.unlinkAll();
        removed.forEach(device -> {
            var connection = device.connection();
            if (connection != null) {
                connection.drop();
            }
        });
        return Map.of("unlinked", removed.size());
    }

    @Override
    public Object addFault(Fault fault) {
        fault.number().ifPresent(this::account);
        faults.add(fault);
        return Map.of("type", fault.type().wireName(), "lasting", fault.type().lasting());
    }

    @Override
    public void clearFaults() {
        faults.clear();
    }

    @Override
    public Object stats() {
        return stats.snapshot();
    }
}

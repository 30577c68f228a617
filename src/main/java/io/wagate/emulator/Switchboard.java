package io.wagate.emulator;

import io.wagate.emulator.control.Control;
import io.wagate.emulator.control.ControlException;
import io.wagate.emulator.control.NewPhone;
import io.wagate.emulator.fault.Fault;
import io.wagate.emulator.fault.FaultType;
import io.wagate.emulator.fault.Faults;
import io.wagate.emulator.media.MediaServer;
import io.wagate.wa.binary.Node;
import io.wagate.wa.noise.NoiseCertificates;
import io.wagate.wa.proto.ClientPayload;
import java.time.Instant;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The emulator's state: accounts, live connections, faults and counters; the control API acts on it. */
public final class Switchboard implements Control {
    static final String SERVER = "s.whatsapp.net";
    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);
    private final ServerKeys keys;
    private final Faults faults = new Faults();
    private final Stats stats = new Stats();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Set<ChatConnection> connections = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    /** The Noise certificate chain served in every server hello. */
    private final byte[] certificates;
    private final Pairing pairing = new Pairing();
    private final PairingCode pairingCode = new PairingCode(this);
    private final Login login = new Login(this);
    private final Iqs iqs = new Iqs(this);
    private final Routing routing = new Routing(this);
    private final MediaServer media;
    private final Groups groups = new Groups(this);
    private final GroupRouting groupRouting = new GroupRouting(this);
    private final Directory directory = new Directory(this);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("emulator-timer").daemon().factory());

    Switchboard(ServerKeys keys, MediaServer media) {
        this.keys = keys;
        this.media = media;
        long now = Instant.now().getEpochSecond();
        this.certificates = NoiseCertificates.issue(keys.root(), keys.intermediate(), keys.noise().publicKey(),
                now, now + Duration.ofDays(365).toSeconds(), Keys.signer());
    }

    byte[] certificates() {
        return certificates;
    }

    Pairing pairing() {
        return pairing;
    }

    PairingCode pairingCode() {
        return pairingCode;
    }

    Routing routing() {
        return routing;
    }

    Groups groups() {
        return groups;
    }

    GroupRouting groupRouting() {
        return groupRouting;
    }

    Directory directory() {
        return directory;
    }

    MediaServer media() {
        return media;
    }

    void loggingIn(ChatConnection connection, ClientPayload payload) {
        login.loggingIn(connection, payload);
    }

    /** A node from a connected client. */
    void handle(ChatConnection connection, Node node) {
        log.debug("emulator ← {}", node);
        switch (node.tag()) {
            case "iq" -> {
                String type = node.attr("type");
                if ("result".equals(type) || "error".equals(type)) {
                    pairing.answered(connection, node);
                } else {
                    iqs.answer(connection, node);
                }
            }
            case "message" -> routing.message(connection, node);
            case "receipt" -> routing.receipt(connection, node);
            case "ack" -> routing.acked(connection, node);
            case "presence" -> {
                if (node.attr("name") != null) {
                    connection.pushName = node.attr("name");
                }
            }
            default -> { }
        }
    }

    /** Whether a silence fault holds every answer to this connection (its account's, or every account's). */
    boolean silenced(ChatConnection connection) {
        return faults.has(FaultType.SILENCE, connection.account == null ? null : connection.account.number);
    }

    /** Runs now, or after the delay a fault sets for the account. */
    void later(String number, Runnable action) {
        Duration delay = faults.delay(number);
        if (delay.isZero()) {
            action.run();
        } else {
            timer.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    Account accountOrNull(String number) {
        return accounts.get(number);
    }

    /** The account a JID names, by phone number or by LID. */
    Account accountFor(String jid) {
        if (jid == null) {
            return null;
        }
        String user = Jids.user(jid);
        if (Jids.server(jid).endsWith("lid")) {
            return accounts.values().stream().filter(a -> a.lid.equals(user)).findFirst().orElse(null);
        }
        return accounts.get(user);
    }

    /** The companion logged itself out. */
    void removeCompanion(ChatConnection connection) {
        if (connection.account != null && connection.device != null) {
            connection.account.remove(connection.device.id);
        }
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
        pairing.forget(connection);
        pairingCode.forget(connection);
        if (connection.device != null) {
            connection.device.offline(connection);
        }
        if (connections.remove(connection)) {
            stats.disconnected();
        }
    }

    void closeAll() {
        timer.shutdownNow();
        connections.forEach(ChatConnection::drop);
    }

    @Override
    public Object addPhone(NewPhone phone) {
        String number = phone.number();
        if (!number.matches("[1-9][0-9]{6,14}")) {
            throw ControlException.badRequest("'number' must be a phone number in international form, digits only");
        }
        var keyPair = Keys.generate();
        String lid = Long.toString(100_000_000_000_000L + Math.floorMod(random.nextLong(), 899_999_999_999_999L));
        var account = new Account(number, lid, keyPair.privateKey(), keyPair.publicKey(), phone.lidOnly(),
                phone.lidLookup(), phone.chats());
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
        return pairing.scan(account(number), qr);
    }

    @Override
    public Object enterPairingCode(String number, String code) {
        return pairingCode.typed(account(number), code);
    }

    @Override
    public Object unlink(String number) {
        var account = account(number);
        var removed = account.unlinkAll();
        // The phone removed them: each connection hears so, as WhatsApp tells a removed companion (401).
        removed.forEach(device -> {
            var connection = device.connection();
            if (connection != null) {
                connection.send(removedError());
                closeSoon(connection);
            }
        });
        return Map.of("unlinked", removed.size());
    }

    @Override
    public Object setTimelock(String number, long seconds, String enforcementType, boolean notify) {
        var account = account(number);
        var now = Instant.now();
        account.restrictions.timelock(seconds == 0 ? null
                : new AccountRestrictions.Timelock(Instant.ofEpochSecond(now.getEpochSecond() + seconds), enforcementType));
        if (notify) {
            notifyCompanions(account, account.restrictions.timelockNotification(now));
        }
        return Map.of("number", number, "timelocked", account.restrictions.timelockedAt(now));
    }

    @Override
    public Object setNewChatCap(String number, int used, int total, String status, long cycleEndsInSeconds) {
        var account = account(number);
        account.restrictions.newChatCap(new AccountRestrictions.NewChatCap(used, total, status,
                cycleEndsInSeconds == 0 ? null : Instant.now().plusSeconds(cycleEndsInSeconds)));
        notifyCompanions(account, account.restrictions.capNotification());
        return Map.of("number", number, "used", used, "total", total, "status", status);
    }

    private void notifyCompanions(Account account, Node notification) {
        account.companions().forEach(device -> routing.deliver(device, notification));
    }

    @Override
    public Object addFault(Fault fault) {
        fault.number().ifPresent(this::account);
        faults.add(fault);
        int affected = 0;
        if (!fault.type().lasting()) {
            for (ChatConnection connection : connections) {
                String number = numberOf(connection);
                boolean matches = number != null ? fault.appliesTo(number) : fault.number().isEmpty();
                // A drop acts on any connection; the stream errors are for a logged-in device.
                if (matches && (fault.type() == FaultType.DROP || connection.device != null)) {
                    act(fault.type(), connection);
                    affected++;
                }
            }
        }
        return Map.of("type", fault.type().wireName(), "lasting", fault.type().lasting(), "connections", affected);
    }

    /** The account a connection belongs to, or the one it asked a pairing code for (null: neither yet). */
    private String numberOf(ChatConnection connection) {
        return connection.account != null ? connection.account.number : pairingCode.numberAwaited(connection);
    }

    /** A one-time fault on a live connection, as WhatsApp would say it. */
    private void act(FaultType type, ChatConnection connection) {
        switch (type) {
            case LOGGED_OUT -> {
                connection.account.remove(connection.device.id);
                connection.send(removedError());
            }
            case REPLACED -> connection.send(new Node("stream:error", Map.of(), java.util.List.of(
                    new Node("conflict", Node.attrsOf("type", "replaced")))));
            case RESTART_REQUIRED -> connection.send(new Node("stream:error", Node.attrsOf("code", "515")));
            default -> {
                connection.drop();
                return;
            }
        }
        closeSoon(connection);
    }

    /** After a stream error the client closes; if not, the server does, as WhatsApp's does. */
    void closeSoon(ChatConnection connection) {
        timer.schedule(connection::drop, 1, TimeUnit.SECONDS);
    }

    private static Node removedError() {
        return new Node("stream:error", Node.attrsOf("code", "401"), java.util.List.of(
                new Node("conflict", Node.attrsOf("type", "device_removed"))));
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

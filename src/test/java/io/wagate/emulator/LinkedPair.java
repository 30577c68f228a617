package io.wagate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.Api;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two Baileys sessions of two numbers ({@code a}, {@code b}) linked by QR code through one emulator and one
 * wagate, with every event of both going to one webhook receiver; linked once for all tests of a class:
 * {@code @RegisterExtension static final LinkedPair pair = new LinkedPair(...)}.
 */
final class LinkedPair implements BeforeAllCallback, AfterAllCallback {
    record Side(String session, String number) {
        String chatId() {
            return number + "@c.us";
        }
    }

    final Side a;
    final Side b;
    private final EmulatorWagate wagate;
    private Webhooks webhooks;

    LinkedPair(String sessionA, String numberA, String sessionB, String numberB) {
        this(sessionA, numberA, sessionB, numberB, java.util.function.UnaryOperator.identity());
    }

    /** {@code customize} changes the server's config (applied when the class starts). */
    LinkedPair(String sessionA, String numberA, String sessionB, String numberB,
               java.util.function.UnaryOperator<io.wagate.config.Config> customize) {
        this.a = new Side(sessionA, numberA);
        this.b = new Side(sessionB, numberB);
        this.wagate = new EmulatorWagate(java.util.function.UnaryOperator.identity(), customize);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        wagate.beforeAll(context);
        webhooks = new Webhooks();
        wagate.linkByQr(a.session, a.number, webhooks.config());
        wagate.linkByQr(b.session, b.number, webhooks.config());
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(40), wagate.server(), a.session, b.session);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (webhooks != null) {
                webhooks.close();
            }
        } finally {
            wagate.afterAll(context);
        }
    }

    Api api() {
        return wagate.api();
    }

    io.wagate.support.TestServer server() {
        return wagate.server();
    }

    Emulator emulator() {
        return wagate.emulator();
    }

    ControlClient control() {
        return wagate.control();
    }

    /** The payload of the first {@code event} of {@code side}'s session whose payload matches, if any yet. */
    Optional<JsonNode> event(Side side, String event, Predicate<JsonNode> payload) {
        return webhooks.event(side.session, event, payload);
    }

    /** Every {@code event} of {@code side}'s session so far, payloads in arrival order. */
    java.util.List<JsonNode> events(Side side, String event) {
        return webhooks.events(side.session, event);
    }

    /** Waits for the event; a timeout names the events of that kind {@code side} did get. */
    JsonNode awaitEvent(Side side, String event, Predicate<JsonNode> payload) {
        return webhooks.await(side.session, event, payload, Duration.ofSeconds(30));
    }

    /** POSTs {@code body} plus {@code side}'s session to {@code path} and returns the 201's message. */
    JsonNode send(Side side, String path, Map<String, Object> body) {
        var withSession = new java.util.HashMap<String, Object>(body);
        withSession.put("session", side.session);
        var sent = wagate.api().post(path, withSession);
        org.assertj.core.api.Assertions.assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json();
    }

    /** The id {@code to}'s session gives the message that {@code from}'s session sent as {@code sentId}. */
    static String receivedId(String sentId, Side from) {
        String raw = sentId.substring(sentId.lastIndexOf('_') + 1);
        return "false_" + from.chatId() + "_" + raw;
    }
}

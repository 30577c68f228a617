package io.wagate.emulator;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.Api;
import io.wagate.support.Receiver;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.List;
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
    private Emulator emulator;
    private TestServer server;
    private Receiver receiver;
    private ControlClient control;

    LinkedPair(String sessionA, String numberA, String sessionB, String numberB) {
        this.a = new Side(sessionA, numberA);
        this.b = new Side(sessionB, numberB);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = Emulator.start(0);
        control = new ControlClient(emulator.controlUrl());
        server = LinkedSessions.wagate(emulator);
        receiver = Receiver.start();
        var webhooks = Map.<String, Object>of("webhooks", List.of(Map.of("url", receiver.url("/events"), "events", List.of("*"))));
        LinkedSessions.linkByQr(server.api(), control, a.session, a.number, webhooks);
        LinkedSessions.linkByQr(server.api(), control, b.session, b.number, webhooks);
        // After a first login Baileys holds events back until the phone's history-sync notice arrives (or 20 s
        // pass); the emulator sends one, so both are synced well before that timeout would have counted them.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                .until(() -> LinkedSessions.historySynced(server, a.session) && LinkedSessions.historySynced(server, b.session));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (receiver != null) {
            receiver.close();
        }
        if (server != null) {
            server.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    Api api() {
        return server.api();
    }

    Emulator emulator() {
        return emulator;
    }

    ControlClient control() {
        return control;
    }

    /** The payload of the first {@code event} of {@code side}'s session whose payload matches, if any yet. */
    Optional<JsonNode> event(Side side, String event, Predicate<JsonNode> payload) {
        return receiver.requests("/events").stream().map(Receiver.Request::json)
                .filter(e -> e.path("session").asText().equals(side.session) && e.path("event").asText().equals(event))
                .map(e -> e.path("payload")).filter(payload).findFirst();
    }

    /** Waits for the event; a timeout names the events of that kind {@code side} did get. */
    JsonNode awaitEvent(Side side, String event, Predicate<JsonNode> payload) {
        try {
            return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> event(side, event, payload), Optional::isPresent).orElseThrow();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var got = receiver.requests("/events").stream().map(Receiver.Request::json)
                    .filter(r -> r.path("session").asText().equals(side.session) && r.path("event").asText().startsWith(event))
                    .map(JsonNode::toString).toList();
            throw new AssertionError("no matching " + event + " at " + side.session + " in 30 s; got " + got, e);
        }
    }

    /** POSTs {@code body} plus {@code side}'s session to {@code path} and returns the 201's message. */
    JsonNode send(Side side, String path, Map<String, Object> body) {
        var withSession = new java.util.HashMap<String, Object>(body);
        withSession.put("session", side.session);
        var sent = server.api().post(path, withSession);
        org.assertj.core.api.Assertions.assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json();
    }

    /** The id {@code to}'s session gives the message that {@code from}'s session sent as {@code sentId}. */
    static String receivedId(String sentId, Side from) {
        String raw = sentId.substring(sentId.lastIndexOf('_') + 1);
        return "false_" + from.chatId() + "_" + raw;
    }
}

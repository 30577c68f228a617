package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.Receiver;
import io.wagate.support.RunningServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two real Baileys sessions of two numbers exchange end-to-end-encrypted messages through the emulator. */
class EmulatorMessagingTest {
    static final String A = "15550005555";
    static final String B = "15550006666";
    static final Emulator emulator = Emulator.start(0);
    static final ControlClient control = new ControlClient(emulator.controlUrl());
    static Receiver receiver;

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> LinkedSessions.wagate(emulator));

    @BeforeAll
    static void linkBoth() {
        receiver = Receiver.start();
        var webhooks = Map.<String, Object>of("webhooks", List.of(Map.of("url", receiver.url("/events"), "events", List.of("*"))));
        LinkedSessions.linkByQr(server.api(), control, "ema", A, webhooks);
        LinkedSessions.linkByQr(server.api(), control, "emb", B, webhooks);
        // After a first login Baileys holds events back until the phone's history-sync notice arrives (or 20 s
        // pass); the emulator sends one, so both are synced well before that timeout would have counted them.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> LinkedSessions.historySynced(server.get(), "ema") && LinkedSessions.historySynced(server.get(), "emb"));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        emulator.close();
    }

    private static Optional<JsonNode> event(String session, String event, java.util.function.Predicate<JsonNode> payload) {
        return receiver.requests("/events").stream().map(Receiver.Request::json)
                .filter(e -> e.path("session").asText().equals(session) && e.path("event").asText().equals(event))
                .map(e -> e.path("payload")).filter(payload).findFirst();
    }

    private static JsonNode awaitEvent(String session, String event, java.util.function.Predicate<JsonNode> payload) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> event(session, event, payload), Optional::isPresent).orElseThrow();
    }

    @Test
    void aTextFromAReachesBAsAMessageWebhookAndItsAckGoesToDeviceThenRead() {
        var sent = server.api().post("/v1/sendText", Map.of("session", "ema", "chatId", B + "@c.us", "text", "hello through the emulator"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String id = sent.json().path("id").asText();

        var message = awaitEvent("emb", "message", p -> p.path("body").asText().equals("hello through the emulator"));
        assertThat(message.path("fromMe").asBoolean()).isFalse();
        assertThat(message.path("from").asText()).isEqualTo(A + "@c.us");
        assertThat(message.path("to").asText()).isEqualTo(B + "@c.us");

        awaitEvent("ema", "message.ack", p -> p.path("id").asText().equals(id) && p.path("ackName").asText().equals("DEVICE"));
        var seen = server.api().post("/v1/sendSeen", Map.of("session", "emb", "chatId", A + "@c.us",
                "messageId", message.path("id").asText()));
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        awaitEvent("ema", "message.ack", p -> p.path("id").asText().equals(id) && p.path("ackName").asText().equals("READ"));
        assertThat(control.get("/stats").json().path("messagesRouted").asLong()).isPositive();
        assertThat(control.get("/stats").json().path("receiptsRouted").asLong()).isGreaterThanOrEqualTo(2);
    }
}

package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.Receiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session status (and the API's answers) each emulator fault gives a real Baileys session. Faults that
 * end a session get a session of their own; the others share two linked sessions, A and B, which every
 * test leaves WORKING.
 */
class EmulatorFaultsTest {
    static final String A = "15550007101";
    static final String B = "15550007102";

    /** Baileys pings every second, so a silent emulator is noticed within seconds, not a minute. */
    @RegisterExtension
    static final EmulatorWagate emu = new EmulatorWagate(b -> b.withKeepAlive(Duration.ofSeconds(1)));

    static Receiver receiver;

    @BeforeAll
    static void linkAAndB() {
        receiver = Receiver.start();
        var webhooks = Map.<String, Object>of("webhooks", List.of(Map.of("url", receiver.url("/events"), "events", List.of("*"))));
        emu.linkByQr("fa", A, webhooks);
        emu.linkByQr("fb", B, webhooks);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @AfterEach
    void clearFaults() {
        assertThat(emu.control().call("DELETE", "/faults", null).status()).isEqualTo(204);
    }

    private static void awaitConnectionsAbove(long count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> emu.connections() > count);
    }

    /** The payloads of a session's events of one name that arrived since {@code sinceMillis}. */
    private static List<JsonNode> events(String session, String event, long sinceMillis, Predicate<JsonNode> payload) {
        return receiver.requests("/events").stream().filter(r -> r.receivedAtMillis() >= sinceMillis)
                .map(Receiver.Request::json)
                .filter(e -> e.path("session").asText().equals(session) && e.path("event").asText().equals(event))
                .map(e -> e.path("payload")).filter(payload).toList();
    }

    /** Bounded below Baileys' 30 s event-buffer timeout, so an event held back in its buffer fails the wait. */
    private static JsonNode awaitEvent(String session, String event, long sinceMillis, Predicate<JsonNode> payload) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> events(session, event, sinceMillis, payload).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static Predicate<JsonNode> reconnecting(Predicate<JsonNode> data) {
        return p -> p.path("type").asText().equals("session.reconnecting") && data.test(p.path("data"));
    }

    @Test
    void dropAndRestartRequiredReconnectAndReplacedFails() {
        emu.linkByQr("fdrop", "15550007777", null);

        long before = emu.connections();
        var dropped = emu.control().post("/faults", Map.of("type", "drop", "number", "15550007777"));
        assertThat(dropped.status()).isEqualTo(201);
        assertThat(dropped.json().path("connections").asInt()).isEqualTo(1);
        awaitConnectionsAbove(before);
        emu.awaitStatus("fdrop", "WORKING");

        before = emu.connections();
        assertThat(emu.control().post("/faults", Map.of("type", "restart-required", "number", "15550007777")).status()).isEqualTo(201);
        awaitConnectionsAbove(before);
        emu.awaitStatus("fdrop", "WORKING");

        assertThat(emu.control().post("/faults", Map.of("type", "replaced", "number", "15550007777")).status()).isEqualTo(201);
        var failed = emu.awaitStatus("fdrop", "FAILED");
        assertThat(failed.path("failure").path("reason").asText()).contains("replaced");
    }

    @Test
    void loggedOutFailsTheSessionAndForgetsTheDevice() {
        emu.linkByQr("fout", "15550008888", null);
        assertThat(emu.control().post("/faults", Map.of("type", "logged-out", "number", "15550008888")).status()).isEqualTo(201);
        var failed = emu.awaitStatus("fout", "FAILED");
        assertThat(failed.path("failure").path("reason").asText()).contains("unlinked on the phone");
        assertThat(emu.control().get("/phones/15550008888").json().path("devices")).isEmpty();
    }

    @Test
    void clientOutdatedFailsSayingWhatToDoKeepsTheDeviceAndAStartLogsInOnceFixed() {
        String number = "15550007103";
        emu.linkByQr("fold", number, null);
        assertThat(emu.control().post("/faults", Map.of("type", "client-outdated", "number", number)).status()).isEqualTo(201);
        long before = emu.connections();
        emu.control().post("/faults", Map.of("type", "drop", "number", number));

        var failed = emu.awaitStatus("fold", "FAILED");
        assertThat(failed.path("failure").path("reason").asText())
                .contains("outdated (405)").contains("WAGATE_WA_VERSION").contains("start the session again");
        // Never a reconnect loop: the one login that was refused, then nothing.
        awaitConnectionsAbove(before);
        long afterRefusal = emu.connections();
        assertThat(emu.control().get("/phones/" + number).json().path("devices")).as("the device stays linked").hasSize(1);

        emu.control().call("DELETE", "/faults", null);
        assertThat(emu.connections()).isEqualTo(afterRefusal);
        assertThat(emu.api().post("/v1/sessions/fold/start", Map.of()).status()).isEqualTo(200);
        assertThat(emu.awaitStatus("fold", "WORKING").path("me").path("id").asText()).isEqualTo(number + "@c.us");
    }

    @Test
    void silenceIsTakenAsALostConnectionAndTheSessionRecoversOnceTheEmulatorAnswersAgain() {
        long since = System.currentTimeMillis();
        var silenced = emu.control().post("/faults", Map.of("type", "silence", "number", A));
        assertThat(silenced.status()).isEqualTo(201);
        // Baileys' keepalive finds nothing received for its interval plus 5 s and closes the socket.
        var first = awaitEvent("fa", "engine.event", since, reconnecting(d -> d.path("attempt").asInt() >= 1));
        assertThat(first.path("data").path("reason").asText()).contains("Connection was lost");
        assertThat(first.path("data").path("delayMs").asLong()).isPositive();
        assertThat(emu.api().get("/v1/sessions/fa").json().path("status").asText()).isNotEqualTo("WORKING");

        emu.control().call("DELETE", "/faults", null);
        emu.awaitStatus("fa", "WORKING");
        assertThat(emu.api().get("/v1/sessions/fb").json().path("status").asText()).as("B was never silenced").isEqualTo("WORKING");
    }

    @Test
    void anIqErrorIsWhatTheOperationAnswersAndADelayedAnswerStillSucceeds() {
        assertThat(emu.control().post("/faults", Map.of("type", "iq-error", "number", A)).status()).isEqualTo(201);
        var failed = emu.api().get("/v1/contacts/check-exists?session=fa&phone=" + B);
        assertThat(failed.status()).as(failed.toString()).isEqualTo(503);
        assertThat(failed.json().path("message").asText()).contains("WhatsApp answered with error 500");

        emu.control().call("DELETE", "/faults", null);
        assertThat(emu.control().post("/faults", Map.of("type", "iq-error", "number", A, "code", 403)).status()).isEqualTo(201);
        var refused = emu.api().get("/v1/contacts/check-exists?session=fa&phone=" + B);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().path("message").asText()).contains("WhatsApp answered with error 403");
        emu.control().call("DELETE", "/faults", null);

        assertThat(emu.control().post("/faults", Map.of("type", "delay", "number", A, "ms", 1500)).status()).isEqualTo(201);
        long started = System.nanoTime();
        var found = emu.api().get("/v1/contacts/check-exists?session=fa&phone=" + B);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().path("numberExists").asBoolean()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(emu.api().get("/v1/sessions/fa").json().path("status").asText()).isEqualTo("WORKING");
    }

    @Test
    void anErrorInTheAckOfASendTurnsTheMessageToErrorWithItsCodeAndReason() {
        long since = System.currentTimeMillis();
        assertThat(emu.control().post("/faults", Map.of("type", "ack-error", "number", A, "code", 479)).status()).isEqualTo(201);
        var sent = emu.api().post("/v1/sendText", Map.of("session", "fa", "chatId", B + "@c.us", "text", "refused by the server"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String id = sent.json().path("id").asText();

        var ack = awaitEvent("fa", "message.ack", since, p -> p.path("id").asText().equals(id) && p.path("ackName").asText().equals("ERROR"));
        assertThat(ack.path("ack").asInt()).isEqualTo(-1);
        assertThat(ack.path("error").path("code").asText()).isEqualTo("479");
        assertThat(ack.path("error").path("reason").asText()).contains("SMAX_INVALID");

        emu.control().call("DELETE", "/faults", null);
        assertThat(emu.control().post("/faults", Map.of("type", "ack-error", "number", A, "code", 500)).status()).isEqualTo(201);
        var again = emu.api().post("/v1/sendText", Map.of("session", "fa", "chatId", B + "@c.us", "text", "refused again"));
        String second = again.json().path("id").asText();
        var failedAgain = awaitEvent("fa", "message.ack", since, p -> p.path("id").asText().equals(second) && p.path("ackName").asText().equals("ERROR"));
        assertThat(failedAgain.path("error").path("code").asText()).isEqualTo("500");
        assertThat(failedAgain.path("error").path("reason").asText()).contains("failed to handle");
        assertThat(events("fb", "message", since, p -> p.path("id").asText().equals(second) || p.path("body").asText().startsWith("refused")))
                .as("nothing refused reached B").isEmpty();
    }

    @Test
    void aRefusedUpgradeIsRetriedWithBackoffUntilTheEmulatorTakesConnectionsAgain() {
        long since = System.currentTimeMillis();
        assertThat(emu.control().post("/faults", Map.of("type", "reject-upgrade")).status()).isEqualTo(201);
        long refusedBefore = emu.control().get("/stats").json().path("upgradesRejected").asLong();
        emu.control().post("/faults", Map.of("type", "drop", "number", A));

        // The attempts back off: each waits longer than the one before.
        var second = awaitEvent("fa", "engine.event", since, reconnecting(d -> d.path("attempt").asInt() == 2));
        var firstDelay = events("fa", "engine.event", since, reconnecting(d -> d.path("attempt").asInt() == 1)).getLast()
                .path("data").path("delayMs").asLong();
        assertThat(second.path("data").path("delayMs").asLong()).isGreaterThan(firstDelay);
        assertThat(second.path("data").path("reason").asText()).isEqualTo("WhatsApp refused the WebSocket upgrade (HTTP 503)");
        assertThat(emu.control().get("/stats").json().path("upgradesRejected").asLong()).isGreaterThan(refusedBefore);

        emu.control().call("DELETE", "/faults", null);
        emu.awaitStatus("fa", "WORKING");
    }
}

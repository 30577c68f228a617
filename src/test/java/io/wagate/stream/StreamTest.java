package io.wagate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import io.wagate.support.WsClient;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /v1/ws}: who sees which events, the filters, and the refusals before the upgrade. */
class StreamTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static final String ECHO = "15550000001";
    private static final String A1 = "15552220001";
    private static final String A2 = "15552220002";
    private static final String B1 = "15552220003";

    private static String keyA;
    private static String keyB;
    private static String sessionKeyA1;
    private static Api accountA;
    private static Api accountB;

    @BeforeAll
    static void link() {
        var plan = server.api().post("/admin/plans", unthrottledPlan("stream-test"));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        keyA = Accounts.createKey(server.api(), "stream-a", "stream-test");
        keyB = Accounts.createKey(server.api(), "stream-b", "stream-test");
        accountA = server.api(keyA);
        accountB = server.api(keyB);
        sessionKeyA1 = Sessions.linked(accountA, "a1", A1).path("apiKey").asText();
        Sessions.linked(accountA, "a2", A2);
        Sessions.linked(accountB, "b1", B1);
    }

    /** A monthly quota (so its headers show) but no rate limit: the tests poll quickly. */
    static Map<String, Object> unthrottledPlan(String name) {
        var body = new java.util.HashMap<String, Object>();
        body.put("name", name);
        body.put("requestsPerMonth", 1_000_000);
        body.put("requestsPerSecond", null);
        body.put("maxSessions", 10);
        body.put("overage", false);
        return body;
    }

    private static void send(Api api, String session, String chatId, String text) {
        var response = api.post("/v1/sendText", Map.of("session", session, "chatId", chatId, "text", text));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private static boolean is(JsonNode frame, String event, String session, String body) {
        return frame.path("event").asText().equals(event) && frame.path("session").asText().equals(session)
                && frame.path("payload").path("body").asText().equals(body);
    }

    @Test
    void twoAccountsSeeOnlyTheirOwnSessionsEvents() {
        try (var a = WsClient.connect(accountA, keyA, "session=*&events=*");
             var b = WsClient.connect(accountB, keyB, "events=*")) {
            send(accountA, "a1", ECHO, "from a");
            send(accountB, "b1", ECHO, "from b");

            var own = a.await("a1's message.any", f -> is(f, "message.any", "a1", "from a"));
            a.await("the echo's reply to a1", f -> is(f, "message", "a1", "from a"));
            b.await("b1's message.any", f -> is(f, "message.any", "b1", "from b"));
            b.await("the echo's reply to b1", f -> is(f, "message", "b1", "from b"));
            // A marker after b1's events: had any of them gone to a, a would have had them before it.
            send(accountA, "a2", ECHO, "marker");
            a.await("the marker", f -> is(f, "message.any", "a2", "marker"));

            assertThat(a.frames()).extracting(f -> f.path("session").asText()).containsOnly("a1", "a2");
            assertThat(b.frames()).extracting(f -> f.path("session").asText()).containsOnly("b1");
            assertThat(b.frames()).noneMatch(f -> f.path("payload").path("body").asText().equals("marker"));

            // The frame is the event envelope, byte for byte as webhooks get it.
            assertThat(own.path("id").asText()).startsWith("evt_");
            assertThat(own.path("timestamp").asLong()).isPositive();
            assertThat(own.path("engine").asText()).isEqualTo("sandbox");
            assertThat(own.path("me").path("id").asText()).isEqualTo(A1 + "@c.us");
            assertThat(own.has("metadata")).isTrue();
            assertThat(own.path("environment").path("version").asText()).isNotBlank();
            assertThat(own.path("payload").path("fromMe").asBoolean()).isTrue();
            assertThat(own.path("payload").path("source").asText()).isEqualTo("api");
        }
    }

    @Test
    void eventNamesAndTheSessionFilterWhatAClientGets() {
        try (var onlyAny = WsClient.connect(accountA, keyA, "session=a1&events=message.any");
             var incoming = WsClient.connect(accountA, keyA, "events=message&events=message.ack");
             var commaList = WsClient.connect(accountA, keyA, "session=a2&events=message.any,message");
             var byDefault = WsClient.connect(accountA, keyA, "session=a2")) {
            send(accountA, "a1", A2, "a1 to a2");
            send(accountA, "a2", A1, "a2 to a1");

            onlyAny.await("a1's own message", f -> is(f, "message.any", "a1", "a1 to a2"));
            onlyAny.await("a1's incoming message", f -> is(f, "message.any", "a1", "a2 to a1"));
            incoming.await("a2 receiving", f -> is(f, "message", "a2", "a1 to a2"));
            incoming.await("a1 receiving", f -> is(f, "message", "a1", "a2 to a1"));
            incoming.await("an ack", f -> f.path("event").asText().equals("message.ack"));
            commaList.await("a2's own message", f -> is(f, "message.any", "a2", "a2 to a1"));
            commaList.await("a2 receiving", f -> is(f, "message", "a2", "a1 to a2"));
            var received = byDefault.await("a2 receiving", f -> is(f, "message", "a2", "a1 to a2"));
            // A marker on a1 after everything above: the a1 client has its events of that time.
            send(accountA, "a1", ECHO, "marker");
            onlyAny.await("the marker", f -> is(f, "message.any", "a1", "marker"));

            assertThat(onlyAny.frames()).allMatch(f -> f.path("event").asText().equals("message.any")
                    && f.path("session").asText().equals("a1"));
            assertThat(incoming.frames()).extracting(f -> f.path("event").asText())
                    .containsOnly("message", "message.ack");
            assertThat(commaList.frames()).allMatch(f -> f.path("session").asText().equals("a2"));
            assertThat(commaList.frames()).extracting(f -> f.path("event").asText())
                    .containsOnly("message", "message.any");
            // Without events= a client gets what a subscription gets by default: incoming messages.
            assertThat(received.path("payload").path("fromMe").asBoolean()).isFalse();
            assertThat(byDefault.frames()).allMatch(f -> f.path("event").asText().equals("message")
                    && f.path("session").asText().equals("a2"));
        }
    }

    @Test
    void aSessionKeySeesOnlyItsSessionAndTheKeyMayComeInTheQueryOrAsBearer() {
        try (var star = WsClient.open(accountA, "x-api-key=" + sessionKeyA1 + "&session=*&events=message.any",
                Map.of(), false);
             var bearer = WsClient.open(accountA, "events=message.any", Map.of("Authorization", "Bearer " + keyA),
                     false)) {
            send(accountA, "a2", ECHO, "not for a1's key");
            send(accountA, "a1", ECHO, "for a1's key");

            star.await("a1's message", f -> is(f, "message.any", "a1", "for a1's key"));
            bearer.await("a2's message", f -> is(f, "message.any", "a2", "not for a1's key"));
            bearer.await("a1's message", f -> is(f, "message.any", "a1", "for a1's key"));
            assertThat(star.frames()).allMatch(f -> f.path("session").asText().equals("a1"));
        }
        var otherSession = WsClient.rawUpgrade(accountA, "session=a2", Map.of("X-API-Key", sessionKeyA1));
        assertThat(otherSession.status()).as(otherSession.toString()).isEqualTo(404);
    }

    @Test
    void aBrowserSendsTheKeyAsASubprotocolAndOnlyWagateIsAccepted() {
        var upgrade = WsClient.rawUpgrade(accountA, "session=a1&events=message.any",
                Map.of("Sec-WebSocket-Protocol", "wagate, wagate.key." + keyA));
        assertThat(upgrade.status()).as(upgrade.toString()).isEqualTo(101);
        // Only "wagate" is echoed: the key never travels back.
        assertThat(upgrade.header("Sec-WebSocket-Protocol")).isEqualTo("wagate");

        var wrong = WsClient.rawUpgrade(accountA, "", Map.of("Sec-WebSocket-Protocol", "wagate, wagate.key.wrong"));
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        assertThat(wrong.json().path("message").asText()).contains("invalid or revoked API key");
        // A header key wins over the subprotocol's.
        var both = WsClient.rawUpgrade(accountA, "", Map.of("X-API-Key", keyA,
                "Sec-WebSocket-Protocol", "wagate, wagate.key.wrong"));
        assertThat(both.status()).as(both.toString()).isEqualTo(101);
    }

    @Test
    void aSessionCreatedAfterConnectingIsStreamedToStar() {
        try (var all = WsClient.connect(accountB, keyB, "session=*&events=session.status")) {
            Sessions.create(accountB, "b-late");

            all.await("the new session's status", f -> f.path("session").asText().equals("b-late")
                    && f.path("payload").path("status").asText().equals("SCAN_QR_CODE"));
        }
        accountB.delete("/v1/sessions/b-late");
    }

    @Test
    void refusalsAreHttpErrorsBeforeTheUpgrade() {
        var cases = List.of(
                new Refusal(401, "", Map.of(), "missing API key"),
                new Refusal(401, "x-api-key=wrong", Map.of(), "invalid or revoked API key"),
                new Refusal(401, "", Map.of("X-API-Key", "wrong"), "invalid or revoked API key"),
                new Refusal(404, "session=missing", Map.of("X-API-Key", keyA), "session 'missing' not found"),
                new Refusal(404, "session=b1", Map.of("X-API-Key", keyA), "session 'b1' not found"),
                new Refusal(400, "events=message&events=nope", Map.of("X-API-Key", keyA), "unknown event 'nope'"));
        for (var refusal : cases) {
            var response = WsClient.rawUpgrade(accountA, refusal.query(), refusal.headers());

            assertThat(response.status()).as(refusal + " -> " + response).isEqualTo(refusal.status());
            assertThat(response.json().path("statusCode").asInt()).isEqualTo(refusal.status());
            assertThat(response.json().path("message").asText()).contains(refusal.message());
            CONTRACT.assertConforms("GET", "/v1/ws", response);
            // The JDK's client sees the same status as a failed handshake.
            assertThatThrownBy(() -> WsClient.open(accountA, refusal.query(), refusal.headers(), false))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(refusal.status()));
        }
        var unknownEvent = WsClient.rawUpgrade(accountA, "events=nope", Map.of("X-API-Key", keyA));
        assertThat(unknownEvent.json().path("message").asText()).contains("message.any", "session.status", "*");
    }

    @Test
    void aPlainGetIsToldToUpgrade() {
        var response = accountA.get("/v1/ws");

        assertThat(response.status()).as(response.toString()).isEqualTo(426);
        assertThat(response.header("Upgrade")).isEqualTo("websocket");
        CONTRACT.assertConforms("GET", "/v1/ws", response);
        var anonymous = accountA.anonymous().get("/v1/ws");
        assertThat(anonymous.status()).isEqualTo(401);
        CONTRACT.assertConforms("GET", "/v1/ws", anonymous);
    }

    @Test
    void theUpgradeIsCountedAgainstThePlan() {
        var response = WsClient.rawUpgrade(accountA, "session=a1", Map.of("X-API-Key", keyA));

        assertThat(response.status()).as(response.toString()).isEqualTo(101);
        assertThat(response.header("X-Quota-Limit")).isNotNull();
    }

    @Test
    void aRevokedKeysOpenStreamsAreClosedAndTheOthersStayOpen() {
        String accountId = Accounts.id(server.api(), "stream-a");
        var issued = server.api().post("/admin/accounts/" + accountId + "/keys", Map.of("label", "revoked soon"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String doomedKey = issued.json().path("key").asText();
        String doomedId = issued.json().path("id").asText();
        var rotated = Sessions.linked(accountA, "a3", "15552220004").path("apiKey").asText();
        try (var doomed = WsClient.connect(accountA, doomedKey, "events=message.any");
             var rotatedAway = WsClient.connect(accountA, rotated, "events=message.any");
             var kept = WsClient.connect(accountA, keyA, "events=message.any")) {
            var revoked = server.api().delete("/admin/accounts/" + accountId + "/keys/" + doomedId);
            assertThat(revoked.status()).as(revoked.toString()).isIn(200, 204);
            var closed = doomed.awaitClosed();
            assertThat(closed.code()).as(closed.toString()).isEqualTo(1008);
            assertThat(closed.reason()).contains("revoked");

            // Rotating a session's key revokes the old one: its streams close too.
            var newKey = accountA.post("/v1/sessions/a3/api-key", Map.of());
            assertThat(newKey.status()).as(newKey.toString()).isEqualTo(200);
            assertThat(rotatedAway.awaitClosed().code()).isEqualTo(1008);

            send(accountA, "a1", ECHO, "after the revocations");
            kept.await("a message after the revocations", f -> is(f, "message.any", "a1", "after the revocations"));
            assertThat(kept.isClosed()).isFalse();
        }
    }

    @Test
    void clientsAreToldWhenTheServerShutsDown() {
        var other = TestServer.start();
        try (var client = WsClient.connect(other.api(), TestServer.ADMIN_KEY, "events=*")) {
            other.close();

            var closed = client.awaitClosed();
            assertThat(closed.code()).as(closed.toString()).isEqualTo(1001);
            assertThat(closed.reason()).contains("shutting down");
        }
    }

    private record Refusal(int status, String query, Map<String, String> headers, String message) {}
}

package io.wagate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.Receiver;
import io.wagate.support.Receiver.Reply;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deliveries to a real receiver: headers and signature, retries on errors and timeouts, Retry-After, dead letters
 * and their re-play. Each test links its own pair of sandbox sessions, so their events never mix.
 */
class WebhookDeliveryTest {
    /** Short, so a receiver that does not answer costs a test a fraction of a second, not 10 s. */
    static final Duration TIMEOUT = Duration.ofMillis(400);

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.startWithoutAutoLink(c -> c
            .withWebhooks(c.webhooks().withTimeout(TIMEOUT))));
    static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    /** Two linked sessions with fresh numbers: {@code <prefix>a} and {@code <prefix>b}. */
    record Pair(String a, String aNumber, String b, String bNumber) {}

    static Pair pair(Api api, String prefix) {
        int n = NUMBERS.addAndGet(2);
        var pair = new Pair(prefix + "a", String.format("1555300%04d", n), prefix + "b",
                String.format("1555300%04d", n + 1));
        Sessions.linked(api, pair.a(), pair.aNumber());
        Sessions.linked(api, pair.b(), pair.bNumber());
        return pair;
    }

    static JsonNode register(Api api, String session, Map<String, Object> body) {
        var response = api.post("/v1/sessions/" + session + "/webhooks", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        CONTRACT.assertConforms("POST", "/v1/sessions/{session}/webhooks", response);
        return response.json();
    }

    static String send(Api api, String from, String to, String text) {
        var sent = api.post("/v1/sendText", Map.of("session", from, "chatId", to, "text", text));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json().path("id").asText();
    }

    static JsonNode deliveries(Api api, String session, String query) {
        var response = api.get("/v1/sessions/" + session + "/webhooks/deliveries" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        CONTRACT.assertConforms("GET", "/v1/sessions/{session}/webhooks/deliveries", response);
        return response.json();
    }

    static JsonNode awaitDelivery(Api api, String session, String status, java.util.function.Predicate<JsonNode> which) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25))
                .until(() -> {
                    for (var delivery : deliveries(api, session, "?status=" + status)) {
                        if (which.test(delivery)) {
                            return delivery;
                        }
                    }
                    return null;
                }, d -> d != null);
    }

    static Map<String, Object> constantRetries(int delaySeconds, int attempts) {
        return Map.of("policy", "constant", "delaySeconds", delaySeconds, "attempts", attempts);
    }

    @Test
    void aDeliveryCarriesTheEnvelopeTheDocumentedHeadersAndAValidSignature() {
        var api = server.api();
        var pair = pair(api, "hdr");
        try (var receiver = Receiver.start()) {
            var body = new HashMap<String, Object>();
            body.put("webhookUrl", receiver.url("/hook"));
            body.put("hmacKey", "my-secret-key");
            body.put("customHeaders", List.of(Map.of("name", "Authorization", "value", "Bearer receiver-token")));
            register(api, pair.b(), body);

            String id = send(api, pair.a(), pair.bNumber(), "signed hello");

            var request = receiver.awaitRequest("the message event", r -> r.event().equals("message"));
            var envelope = request.json();
            assertThat(envelope.path("id").asText()).matches("evt_[0-9A-Z]{26}");
            assertThat(envelope.path("session").asText()).isEqualTo(pair.b());
            assertThat(envelope.path("engine").asText()).isEqualTo("sandbox");
            assertThat(envelope.path("me").path("id").asText()).isEqualTo(pair.bNumber() + "@c.us");
            assertThat(envelope.path("payload").path("body").asText()).isEqualTo("signed hello");
            assertThat(envelope.path("payload").path("fromMe").asBoolean()).isFalse();
            assertThat(envelope.path("payload").path("id").asText()).endsWith(id.substring(id.lastIndexOf('_')));
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.header("User-Agent")).startsWith("wagate/");
            assertThat(request.header("X-Webhook-Request-Id")).isNotBlank();
            assertThat(request.header("X-Webhook-Timestamp")).isEqualTo(envelope.path("timestamp").asText());
            assertThat(request.header("Authorization")).isEqualTo("Bearer receiver-token");
            assertThat(request.header("X-Webhook-Hmac-Algorithm")).isEqualTo("sha512");
            assertThat(request.header("X-Webhook-Hmac")).isEqualTo(Signature.hmacSha512("my-secret-key",
                    request.body()));
            assertThat(request.header("X-Webhook-Hmac")).matches("[0-9a-f]{128}");
            assertThat(receiver.requests()).as("only the subscribed event (message)").allSatisfy(
                    r -> assertThat(r.event()).isEqualTo("message"));
        }
    }

    @Test
    void withoutAnHmacKeyThereIsNoSignature() {
        var api = server.api();
        var pair = pair(api, "nosig");
        try (var receiver = Receiver.start()) {
            register(api, pair.b(), Map.of("webhookUrl", receiver.url("/plain")));
            send(api, pair.a(), pair.bNumber(), "unsigned");

            var request = receiver.awaitRequest("the message", r -> r.event().equals("message"));
            assertThat(request.header("X-Webhook-Hmac")).isNull();
            assertThat(request.header("X-Webhook-Hmac-Algorithm")).isNull();
        }
    }

    @Test
    void aReceiverAnswering500ThreeTimesGetsTheEventAFourthTimeAndTheAttemptsAreRecorded() {
        var api = server.api();
        var pair = pair(api, "err");
        try (var receiver = Receiver.start()) {
            var calls = new AtomicInteger();
            receiver.answer(r -> calls.incrementAndGet() <= 3 ? Reply.status(500) : Reply.ok());
            register(api, pair.b(), Map.of("webhookUrl", receiver.url("/flaky"), "retries", constantRetries(0, 5)));

            send(api, pair.a(), pair.bNumber(), "try again");

            var delivered = awaitDelivery(api, pair.b(), "delivered", d -> d.path("event").asText().equals("message"));
            assertThat(delivered.path("attempts").asInt()).isEqualTo(4);
            assertThat(delivered.path("lastStatusCode").asInt()).isEqualTo(200);
            assertThat(delivered.path("envelope").path("payload").path("body").asText()).isEqualTo("try again");
            var requests = receiver.requests();
            assertThat(requests).hasSize(4);
            assertThat(requests).extracting(Receiver.Request::answered).containsExactly(500, 500, 500, 200);
            assertThat(requests.stream().map(Receiver.Request::eventId).distinct()).as("one event").hasSize(1);
            assertThat(requests.stream().map(r -> r.header("X-Webhook-Request-Id")).distinct())
                    .as("a new request id per attempt").hasSize(4);
            assertThat(receiver.delivered()).as("delivered once").hasSize(1);
        }
    }

    @Test
    void aReceiverThatTimesOutIsTriedAgain() {
        var api = server.api();
        var pair = pair(api, "slow");
        try (var receiver = Receiver.start()) {
            var calls = new AtomicInteger();
            receiver.answer(r -> calls.incrementAndGet() == 1 ? Reply.ok().after(TIMEOUT.multipliedBy(3)) : Reply.ok());
            register(api, pair.b(), Map.of("webhookUrl", receiver.url("/slow"), "retries", constantRetries(0, 3)));

            send(api, pair.a(), pair.bNumber(), "slowly");

            var delivered = awaitDelivery(api, pair.b(), "delivered", d -> d.path("event").asText().equals("message"));
            assertThat(delivered.path("attempts").asInt()).isEqualTo(2);
            assertThat(delivered.path("lastError").asText()).as("the error of the timed-out attempt is kept")
                    .contains("no answer within 400 ms");
            assertThat(receiver.requests()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aReceiverThatNeverAnswersEndsAsADeadLetterThatCanBeReplayed() {
        var api = server.api();
        var pair = pair(api, "dead");
        try (var receiver = Receiver.start()) {
            receiver.answer(r -> Reply.hang());
            register(api, pair.b(), Map.of("webhookUrl", receiver.url("/dead"), "retries", constantRetries(0, 2)));
            send(api, pair.a(), pair.bNumber(), "into the void");

            var dead = awaitDelivery(api, pair.b(), "failed", d -> d.path("event").asText().equals("message"));
            assertThat(dead.path("attempts").asInt()).isEqualTo(2);
            assertThat(dead.path("lastError").asText()).contains("no answer within");
            assertThat(dead.has("nextAttemptAt")).isFalse();
            assertThat(dead.path("finishedAt").asText()).isNotEmpty();
            assertThat(receiver.requests()).hasSize(2);

            receiver.answer(r -> Reply.ok());
            var retried = api.post("/v1/sessions/" + pair.b() + "/webhooks/deliveries/" + dead.path("id").asText()
                    + "/retry", null);
            assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
            CONTRACT.assertConforms("POST", "/v1/sessions/{session}/webhooks/deliveries/{id}/retry", retried);
            assertThat(retried.json().path("id").asText()).isEqualTo(dead.path("id").asText());

            var replayed = receiver.awaitRequest("the replay", r -> r.answered() == 200);
            assertThat(replayed.eventId()).isEqualTo(dead.path("envelope").path("id").asText());
            var delivered = awaitDelivery(api, pair.b(), "delivered", d -> d.path("id").asText()
                    .equals(dead.path("id").asText()));
            assertThat(delivered.path("attempts").asInt()).as("counted afresh").isEqualTo(1);
            assertThat(deliveries(api, pair.b(), "?status=failed")).isEmpty();
        }
    }

    @Test
    void retryAfterIsHonoured() {
        var api = server.api();
        var pair = pair(api, "later");
        try (var receiver = Receiver.start()) {
            var calls = new AtomicInteger();
            receiver.answer(r -> calls.incrementAndGet() == 1
                    ? Reply.status(503).withHeader("Retry-After", "1") : Reply.ok());
            register(api, pair.b(), Map.of("webhookUrl", receiver.url("/later"), "retries", constantRetries(0, 3)));

            send(api, pair.a(), pair.bNumber(), "when you are ready");

            var requests = receiver.awaitRequests("two attempts", 2, r -> true);
            long waited = requests.get(1).receivedAtMillis() - requests.get(0).receivedAtMillis();
            assertThat(waited).as("the receiver asked for 1 s, the policy for 0 s").isGreaterThanOrEqualTo(950);
            assertThat(requests.get(1).answered()).isEqualTo(200);
        }
    }

    @Test
    void eventsOfOneChatArriveInTheOrderTheyHappened() {
        var api = server.api();
        var pair = pair(api, "order");
        try (var receiver = Receiver.start()) {
            var calls = new AtomicInteger();
            // The first delivery fails twice: the later ones of the chat must wait for it.
            receiver.answer(r -> calls.incrementAndGet() <= 2 ? Reply.status(502) : Reply.ok());
            register(api, pair.b(), Map.of("webhookUrl", receiver.url("/ordered"), "retries", constantRetries(0, 5)));

            var texts = List.of("one", "two", "three", "four", "five");
            for (String text : texts) {
                send(api, pair.a(), pair.bNumber(), text);
            }

            var delivered = await().atMost(Duration.ofSeconds(20)).until(receiver::delivered, d -> d.size() >= 5);
            assertThat(delivered).extracting(r -> r.json().path("payload").path("body").asText())
                    .containsExactlyElementsOf(texts);
        }
    }

    @Test
    void theSameUrlTwiceUpdatesTheWebhookAndRemovingItStopsDeliveries() {
        var api = server.api();
        var pair = pair(api, "upd");
        try (var receiver = Receiver.start()) {
            String url = receiver.url("/update");
            register(api, pair.b(), Map.of("webhookUrl", url, "events", List.of("message.any")));
            var updated = register(api, pair.b(), Map.of("webhookUrl", url, "events", List.of("message"),
                    "hmacKey", "k2"));
            assertThat(updated.path("events")).hasSize(1);
            assertThat(updated.path("signed").asBoolean()).isTrue();
            var listed = api.get("/v1/sessions/" + pair.b() + "/webhooks").json();
            assertThat(listed).hasSize(1);

            send(api, pair.a(), pair.bNumber(), "first");
            var first = receiver.awaitRequest("first", r -> r.event().equals("message"));
            assertThat(first.header("X-Webhook-Hmac")).isEqualTo(Signature.hmacSha512("k2", first.body()));

            var removed = api.send("DELETE", "/v1/sessions/" + pair.b() + "/webhooks",
                    "{\"webhookUrl\":\"" + url + "\"}", "application/json");
            assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
            send(api, pair.a(), pair.bNumber(), "second");
            String marker = send(api, pair.a(), pair.bNumber(), "marker");
            // The message store has the marker: its event passed the (now empty) webhook list.
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/v1/messages?session=" + pair.b()
                    + "&chatId=" + pair.aNumber() + "&limit=1").json().path(0).path("body").asText(), "marker"::equals);
            assertThat(marker).isNotEmpty();
            assertThat(receiver.requests()).extracting(r -> r.json().path("payload").path("body").asText())
                    .containsExactly("first");
        }
    }

    @Test
    void anEventNobodySubscribedToWritesNoDelivery() {
        var api = server.api();
        var pair = pair(api, "quiet");
        try (var receiver = Receiver.start()) {
            register(api, pair.b(), Map.of("webhookUrl", receiver.url("/acks"), "events", List.of("message.ack")));

            send(api, pair.a(), pair.bNumber(), "to b, whose only webhook wants acks of b's own messages");

            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/v1/messages?session=" + pair.b()
                    + "&chatId=" + pair.aNumber()).json().size() == 1);
            assertThat(deliveries(api, pair.b(), "")).isEmpty();
            assertThat(deliveries(api, pair.a(), "")).isEmpty();
        }
    }

    @Test
    void deletingASessionDropsItsDeliveries() {
        var api = server.api();
        var pair = pair(api, "gone");
        try (var receiver = Receiver.start()) {
            receiver.answer(r -> Reply.status(500));
            register(api, pair.b(), Map.of("webhookUrl", receiver.url("/gone"), "retries", constantRetries(0, 100)));
            send(api, pair.a(), pair.bNumber(), "soon gone");
            receiver.awaitRequests("some failed attempts", 3, r -> true);

            assertThat(api.delete("/v1/sessions/" + pair.b()).status()).isEqualTo(204);
            int after = receiver.requests().size();

            // The lane notices at its next attempt and stops; at most the one in flight still arrives.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.requests().size() <= after + 1);
            assertThat(api.get("/v1/sessions/" + pair.b() + "/webhooks/deliveries").status()).isEqualTo(404);
        }
    }

    @Test
    void deliveriesAreListedByStatusNewestFirstWithALimit() {
        var api = server.api();
        var pair = pair(api, "list");
        try (var receiver = Receiver.start()) {
            register(api, pair.b(), Map.of("webhookUrl", receiver.url("/list"), "events", List.of("message",
                    "message.any")));
            for (int i = 0; i < 3; i++) {
                send(api, pair.a(), pair.bNumber(), "list " + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(api, pair.b(), "?status=delivered").size(),
                    n -> n == 6);

            var two = deliveries(api, pair.b(), "?status=delivered&limit=2");
            assertThat(two).hasSize(2);
            assertThat(two.get(0).path("envelope").path("payload").path("body").asText()).isEqualTo("list 2");
            Set<String> events = java.util.stream.StreamSupport.stream(deliveries(api, pair.b(), "").spliterator(), false)
                    .map(d -> d.path("event").asText()).collect(Collectors.toSet());
            assertThat(events).containsExactlyInAnyOrder("message", "message.any");
            assertThat(deliveries(api, pair.b(), "?status=pending")).isEmpty();
            assertThat(new String(api.get("/v1/sessions/" + pair.b() + "/webhooks/deliveries").bytes(),
                    StandardCharsets.UTF_8)).doesNotContain("hmac");
        }
    }
}

package io.wagate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.Receiver;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every event the sandbox can cause today reaches a webhook subscribed to {@code *}, signed with its HMAC key, in
 * an envelope and with a payload exactly as the OpenAPI document describes them (components EventEnvelope and
 * its {@code x-payloads}).
 *
 * <p>To cover a new event: add an {@link Expectation} to {@link #expectations()} (what causes it, which session
 * hears it, how to recognise its delivery, what else to check) and its name to {@link #PRODUCIBLE}.
 */
class WebhookEventsTest {
    /**
     * The events the sandbox produces over HTTP. Not here: {@code engine.event}, event responses (their own test,
     * {@code EventMessagesTest}, with a restart for the failed ones), labels (a business account's: {@code LabelsTest}), and {@code poll.vote.failed}, which needs a vote the API refuses to send (an option the
     * poll lacks): the sandbox's engine test covers it ({@code SandboxEventsTest}).
     */
    static final List<String> PRODUCIBLE = List.of("session.status", "message", "message.any", "message.ack",
            "message.reaction", "poll.vote", "chat.archive", "call.received", "call.rejected", "call.accepted",
            "message.edited", "message.pin", "message.revoked", "presence.update", "group.v2.join", "group.join",
            "group.v2.participants", "group.v2.update", "group.v2.leave", "group.leave", "message.waiting");
    private static final String KEY = "events-test-key";
    private static final String A = "15557000001";
    private static final String B = "15557000002";

    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static Receiver receiver;

    /**
     * One event to see. {@code cause} runs first (it may do nothing when an earlier step already caused the event);
     * then a delivery of {@code event} to {@code session} whose payload {@code matches} must arrive, and
     * {@code check} may look closer at its payload.
     */
    record Expectation(String event, String session, Runnable cause, Predicate<JsonNode> matches,
                       Consumer<JsonNode> check) {}

    /** What the steps learn as they go: ids that later steps use. */
    private static final AtomicReference<String> sentId = new AtomicReference<>();
    private static final AtomicReference<String> groupId = new AtomicReference<>();
    private static final AtomicReference<String> pollId = new AtomicReference<>();
    private static final AtomicReference<String> callId = new AtomicReference<>();
    private static final AtomicReference<String> waitingId = new AtomicReference<>();

    /** The id of eva's message {@code ownId} as evb stored it. */
    private static String bCopyOf(String ownId) {
        return "false_" + A + "@c.us_" + ownId.substring(ownId.lastIndexOf('_') + 1);
    }

    @BeforeAll
    static void linkWithWebhooksFromTheStart() {
        receiver = Receiver.start();
        for (var session : List.of(Map.entry("eva", A), Map.entry("evb", B))) {
            // Subscribed in the create call, so even the first statuses are delivered.
            var created = api().post("/v1/sessions", Map.of("name", session.getKey(), "engine", "sandbox",
                    "config", Map.of("webhooks", List.of(Map.of("url", receiver.url("/events"), "events", List.of("*"),
                            "hmac", Map.of("key", KEY))))));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            Sessions.awaitStatus(api(), session.getKey(), "SCAN_QR_CODE");
            assertThat(api().post("/v1/" + session.getKey() + "/auth/pairing-code",
                    Map.of("phoneNumber", session.getValue())).status()).isEqualTo(200);
            Sessions.awaitStatus(api(), session.getKey(), "WORKING");
        }
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private static Api api() {
        return server.api();
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status() / 100).as(response.toString()).isEqualTo(2);
        return response.bytes().length == 0 ? null : response.json();
    }

    private static final Runnable ALREADY_CAUSED = () -> { };

    static List<Expectation> expectations() {
        var list = new ArrayList<Expectation>();
        list.add(new Expectation("session.status", "eva", ALREADY_CAUSED,
                p -> p.path("status").asText().equals("WORKING"),
                p -> {
                    assertThat(p.path("name").asText()).isEqualTo("eva");
                    assertThat(p.path("statuses").findValuesAsText("status")).endsWith("SCAN_QR_CODE", "WORKING");
                }));
        list.add(new Expectation("message.any", "eva",
                () -> sentId.set(ok(api().post("/v1/sendText", Map.of("session", "eva", "chatId", B,
                        "text", "hello events"))).path("id").asText()),
                p -> p.path("id").asText().equals(sentId.get()),
                p -> {
                    assertThat(p.path("fromMe").asBoolean()).isTrue();
                    assertThat(p.path("source").asText()).isEqualTo("api");
                    assertThat(p.path("body").asText()).isEqualTo("hello events");
                }));
        list.add(new Expectation("message", "evb", ALREADY_CAUSED,
                p -> p.path("body").asText().equals("hello events"),
                p -> {
                    assertThat(p.path("fromMe").asBoolean()).isFalse();
                    assertThat(p.path("from").asText()).isEqualTo(A + "@c.us");
                    assertThat(p.path("to").asText()).isEqualTo(B + "@c.us");
                }));
        list.add(new Expectation("message.any", "evb", ALREADY_CAUSED,
                p -> p.path("body").asText().equals("hello events"),
                p -> assertThat(p.path("fromMe").asBoolean()).isFalse()));
        list.add(new Expectation("message.ack", "eva", ALREADY_CAUSED,
                p -> p.path("id").asText().equals(sentId.get()) && p.path("ackName").asText().equals("DEVICE"),
                p -> assertThat(p.path("ack").asInt()).isEqualTo(2)));
        list.add(new Expectation("message.ack", "eva",
                () -> ok(api().post("/v1/sendSeen", Map.of("session", "evb", "chatId", A))),
                p -> p.path("id").asText().equals(sentId.get()) && p.path("ackName").asText().equals("READ"),
                p -> assertThat(p.path("ack").asInt()).isEqualTo(3)));
        list.add(new Expectation("message.reaction", "eva",
                () -> ok(api().put("/v1/reaction", Map.of("session", "evb", "messageId", bCopyOf(sentId.get()),
                        "reaction", "👍"))),
                p -> p.path("reaction").path("text").asText().equals("👍"),
                p -> {
                    assertThat(p.path("reaction").path("messageId").asText()).isEqualTo(sentId.get());
                    assertThat(p.path("from").asText()).isEqualTo(B + "@c.us");
                    assertThat(p.path("fromMe").asBoolean()).isFalse();
                }));
        list.add(new Expectation("poll.vote", "eva",
                () -> {
                    pollId.set(ok(api().post("/v1/sendPoll", Map.of("session", "eva", "chatId", B, "poll",
                            Map.of("name", "Lunch?", "options", List.of("Yes", "No"), "multipleAnswers", false))))
                            .path("id").asText());
                    ok(api().post("/v1/sendPollVote", Map.of("session", "evb", "chatId", A,
                            "pollMessageId", bCopyOf(pollId.get()), "votes", List.of("Yes"))));
                },
                p -> p.path("poll").path("id").asText().equals(pollId.get()),
                p -> {
                    assertThat(p.path("vote").path("selectedOptions").toString()).isEqualTo("[\"Yes\"]");
                    assertThat(p.path("vote").path("from").asText()).isEqualTo(B + "@c.us");
                }));
        list.add(new Expectation("chat.archive", "eva",
                () -> ok(api().post("/v1/sessions/eva/chats/" + B + "/archive", null)),
                p -> p.path("id").asText().equals(B + "@c.us"),
                p -> assertThat(p.path("archived").asBoolean()).isTrue()));
        list.add(new Expectation("call.received", "eva",
                () -> callId.set(ok(api().post("/v1/sessions/eva/sandbox/calls", Map.of("from", B, "video", true)))
                        .path("id").asText()),
                p -> p.path("id").asText().equals(callId.get()),
                p -> {
                    assertThat(p.path("from").asText()).isEqualTo(B + "@c.us");
                    assertThat(p.path("isVideo").asBoolean()).isTrue();
                }));
        list.add(new Expectation("call.rejected", "eva",
                () -> ok(api().post("/v1/sessions/eva/calls/reject", Map.of("callId", callId.get(), "from", B))),
                p -> p.path("id").asText().equals(callId.get()), p -> { }));
        list.add(new Expectation("call.accepted", "eva",
                () -> {
                    callId.set(ok(api().post("/v1/sessions/eva/sandbox/calls", Map.of("from", B))).path("id").asText());
                    ok(api().post("/v1/sessions/eva/sandbox/calls/" + callId.get() + "/accept", null));
                },
                p -> p.path("id").asText().equals(callId.get()), p -> { }));
        list.add(new Expectation("message.edited", "evb",
                () -> ok(api().put("/v1/sessions/eva/chats/" + B + "@c.us/messages/" + sentId.get(),
                        Map.of("text", "edited events"))),
                p -> p.path("body").asText().equals("edited events"),
                p -> assertThat(p.path("editedMessageId").asText()).endsWith(
                        sentId.get().substring(sentId.get().lastIndexOf('_')))));
        list.add(new Expectation("message.pin", "evb",
                () -> ok(api().post("/v1/sessions/eva/chats/" + B + "@c.us/messages/" + sentId.get() + "/pin",
                        Map.of("duration", 86400))),
                p -> p.path("id").asText().endsWith(sentId.get().substring(sentId.get().lastIndexOf('_'))),
                p -> {
                    assertThat(p.path("by").asText()).isEqualTo(A + "@c.us");
                    assertThat(p.path("chatId").asText()).isEqualTo(A + "@c.us");
                    assertThat(p.path("pinned").asBoolean()).isTrue();
                    assertThat(p.path("duration").asInt()).isEqualTo(86400);
                }));
        list.add(new Expectation("message.revoked", "evb",
                () -> ok(api().delete("/v1/sessions/eva/chats/" + B + "@c.us/messages/" + sentId.get())),
                p -> p.path("revokedMessageId").asText().endsWith(sentId.get().substring(sentId.get().lastIndexOf('_'))),
                p -> assertThat(p.path("after").path("type").asText()).isEqualTo("revoked")));
        list.add(new Expectation("presence.update", "eva",
                () -> ok(api().post("/v1/startTyping", Map.of("session", "evb", "chatId", A))),
                p -> p.path("presences").path(0).path("lastKnownPresence").asText().equals("typing"),
                p -> assertThat(p.path("id").asText()).isEqualTo(B + "@c.us")));
        list.add(new Expectation("group.v2.join", "evb",
                () -> groupId.set(ok(api().post("/v1/sessions/eva/groups", Map.of("name", "Events",
                        "participants", List.of(Map.of("id", B))))).path("id").asText()),
                p -> p.path("group").path("id").asText().equals(groupId.get()),
                p -> assertThat(p.path("group").path("subject").asText()).isEqualTo("Events")));
        list.add(new Expectation("group.join", "evb", ALREADY_CAUSED,
                p -> p.path("group").path("id").asText().equals(groupId.get()), p -> { }));
        list.add(new Expectation("group.v2.participants", "evb",
                () -> ok(api().post("/v1/sessions/eva/groups/" + groupId.get() + "/admin/promote",
                        Map.of("participants", List.of(Map.of("id", B))))),
                p -> p.path("type").asText().equals("promote"),
                p -> {
                    assertThat(p.path("group").path("id").asText()).isEqualTo(groupId.get());
                    assertThat(p.path("participants").path(0).path("id").asText()).isEqualTo(B + "@c.us");
                    assertThat(p.path("participants").path(0).path("role").asText()).isEqualTo("admin");
                }));
        list.add(new Expectation("group.v2.update", "evb",
                () -> ok(api().put("/v1/sessions/eva/groups/" + groupId.get() + "/subject",
                        Map.of("subject", "Renamed events"))),
                p -> p.path("group").path("subject").asText().equals("Renamed events"), p -> { }));
        list.add(new Expectation("group.v2.leave", "evb",
                () -> ok(api().post("/v1/sessions/evb/groups/" + groupId.get() + "/leave", null)),
                p -> p.path("group").path("id").asText().equals(groupId.get()), p -> { }));
        list.add(new Expectation("group.leave", "evb", ALREADY_CAUSED,
                p -> p.path("group").path("id").asText().equals(groupId.get()), p -> { }));
        // Last: evb stops, so eva's next message waits for it.
        list.add(new Expectation("message.waiting", "eva",
                () -> {
                    ok(api().post("/v1/sessions/evb/stop", null));
                    Sessions.awaitStatus(api(), "evb", "STOPPED");
                    waitingId.set(ok(api().post("/v1/sendText", Map.of("session", "eva", "chatId", B,
                            "text", "are you there?"))).path("id").asText());
                },
                p -> p.path("id").asText().equals(waitingId.get()),
                p -> assertThat(p.path("fromMe").asBoolean()).isTrue()));
        return list;
    }

    @Test
    void everyEventTheSandboxCanCauseArrivesSignedWithTheDocumentedEnvelopeAndPayload() {
        var envelopeSchema = CONTRACT.document().at("/components/schemas/EventEnvelope");
        var payloads = envelopeSchema.path("x-payloads");
        var seen = new LinkedHashSet<String>();
        for (var expectation : expectations()) {
            expectation.cause().run();
            var request = receiver.awaitRequest(expectation.event() + " to " + expectation.session(),
                    r -> r.event().equals(expectation.event())
                            && r.json().path("session").asText().equals(expectation.session())
                            && expectation.matches().test(r.json().path("payload")));
            var envelope = request.json();

            assertThat(request.header("X-Webhook-Hmac")).as(expectation.event() + " is signed")
                    .isEqualTo(Signature.hmacSha512(KEY, request.body()));
            assertThat(CONTRACT.validate(envelope, envelopeSchema)).as(expectation.event() + " envelope").isEmpty();
            assertThat(payloads.has(expectation.event())).as("x-payloads names " + expectation.event()).isTrue();
            var payloadSchema = CONTRACT.resolve(mapper().createObjectNode().put("$ref",
                    payloads.path(expectation.event()).asText()));
            assertThat(CONTRACT.validate(envelope.path("payload"), payloadSchema))
                    .as(expectation.event() + " payload " + envelope.path("payload")).isEmpty();
            assertThat(envelope.path("me").path("id").asText()).isEqualTo(
                    (expectation.session().equals("eva") ? A : B) + "@c.us");
            expectation.check().accept(envelope.path("payload"));
            seen.add(expectation.event());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(PRODUCIBLE);
        assertThat(payloads.size()).as("every event name has a documented payload").isEqualTo(30);
    }

    private static com.fasterxml.jackson.databind.ObjectMapper mapper() {
        return new com.fasterxml.jackson.databind.ObjectMapper();
    }
}

package io.wagate.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.Receiver;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Event messages on the sandbox over HTTP: sent to a person and to a group, answered by the others, the answers
 * tallied on every member's copy and reported as event.response; after a restart (the network forgot the events'
 * secrets) an answer to an older event arrives as event.response.failed.
 */
class EventMessagesTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    static final String ANN = "15556720001";
    static final String BEN = "15556720002";
    static final String CAT = "15556720003";
    private static TestServer server;
    private static Receiver receiver;

    @BeforeAll
    static void start() {
        server = TestServer.startWithoutAutoLink();
        receiver = Receiver.start();
        for (var pair : List.of(List.of("ann", ANN), List.of("ben", BEN), List.of("cat", CAT))) {
            var created = api().post("/v1/sessions", Map.of("name", pair.get(0), "engine", "sandbox", "config",
                    Map.of("webhooks", List.of(Map.of("url", receiver.url("/" + pair.get(0)),
                            "events", List.of("event.response", "event.response.failed"))))));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            Sessions.awaitStatus(api(), pair.get(0), "SCAN_QR_CODE");
            api().post("/v1/" + pair.get(0) + "/auth/pairing-code", Map.of("phoneNumber", pair.get(1)));
            Sessions.awaitStatus(api(), pair.get(0), "WORKING");
        }
    }

    @AfterAll
    static void stop() {
        receiver.close();
        server.close();
    }

    private static Api api() {
        return server.api();
    }

    private static Api.Response sendEvent(String session, String chatId, Map<String, Object> event) {
        var body = new HashMap<String, Object>();
        body.put("session", session);
        body.put("chatId", chatId);
        if (event != null) {
            body.put("event", event);
        }
        var response = api().post("/v1/sendEvent", body);
        CONTRACT.assertConforms("POST", "/v1/sendEvent", response);
        return response;
    }

    private static Api.Response respond(String session, String messageId, String answer) {
        var body = new HashMap<String, Object>();
        body.put("session", session);
        body.put("messageId", messageId);
        body.put("response", answer);
        var response = api().post("/v1/respondEvent", body);
        CONTRACT.assertConforms("POST", "/v1/respondEvent", response);
        return response;
    }

    private static final Map<String, Object> LUNCH = Map.of("name", "Team lunch", "description", "Pizza",
            "startTime", 2063137000L, "endTime", 2063140600L, "location", "Plaza Mall",
            "callLink", "https://call.whatsapp.com/voice/AbCdEf");

    /** {@code session}'s copy of the message with WhatsApp id {@code waId}, once {@code check} holds. */
    private static JsonNode copy(String session, String chatId, String waId, java.util.function.Predicate<JsonNode> check) {
        return Sessions.awaitCopy(api(), session, chatId, waId, check);
    }

    private static String waId(String id) {
        return id.substring(id.lastIndexOf('_') + 1);
    }

    @Test
    void aPersonAnswersAnEventAndChangesTheAnswer() {
        var sent = sendEvent("ann", BEN, LUNCH);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("type").asText()).isEqualTo("event");
        assertThat(sent.json().path("body").asText()).isEqualTo("Team lunch");
        var event = sent.json().path("event");
        assertThat(event.path("startTime").asLong()).isEqualTo(2063137000L);
        assertThat(event.path("endTime").asLong()).isEqualTo(2063140600L);
        assertThat(event.path("location").asText()).isEqualTo("Plaza Mall");
        assertThat(event.path("callLink").asText()).isEqualTo("https://call.whatsapp.com/voice/AbCdEf");
        String id = sent.json().path("id").asText();

        var bens = copy("ben", ANN, waId(id), m -> m.path("event").path("name").asText().equals("Team lunch"));
        var answered = respond("ben", bens.path("id").asText(), "going");
        assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
        assertThat(answered.json().path("event").path("responses").path("going").get(0).asText())
                .isEqualTo(BEN + "@c.us");
        var reported = receiver.awaitRequest("ann's event.response", r -> r.path().equals("/ann")
                && r.event().equals("event.response") && r.json().path("payload").path("eventMessageId").asText().equals(id));
        assertThat(reported.json().path("payload").path("from").asText()).isEqualTo(BEN + "@c.us");
        assertThat(reported.json().path("payload").path("answer").asText()).isEqualTo("GOING");
        copy("ann", BEN, waId(id), m -> m.path("event").path("responses").path("going").toString()
                .equals("[\"" + BEN + "@c.us\"]"));

        assertThat(respond("ben", bens.path("id").asText(), "maybe").status()).isEqualTo(201);
        var after = copy("ann", BEN, waId(id), m -> m.path("event").path("responses").path("maybe").size() == 1);
        assertThat(after.path("event").path("responses").path("going")).isEmpty();
    }

    @Test
    void groupMembersAnswerAndEveryMemberSeesTheTally() {
        var group = api().post("/v1/sessions/ann/groups", Map.of("name", "Lunch club",
                "participants", List.of(Map.of("id", BEN), Map.of("id", CAT))));
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        String groupId = group.json().path("id").asText();
        var sent = sendEvent("ann", groupId, Map.of("name", "Offsite", "startTime", 2063137000L));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String id = sent.json().path("id").asText();
        var bens = copy("ben", groupId, waId(id), m -> m.path("type").asText().equals("event"));
        assertThat(respond("ben", bens.path("id").asText(), "not_going").status()).isEqualTo(201);
        receiver.awaitRequest("cat hears ben's answer", r -> r.path().equals("/cat")
                && r.event().equals("event.response") && r.json().path("payload").path("answer").asText().equals("NOT_GOING"));
        copy("cat", groupId, waId(id), m -> m.path("event").path("responses").path("notGoing").toString()
                .equals("[\"" + BEN + "@c.us\"]"));
        copy("ann", groupId, waId(id), m -> m.path("event").path("responses").path("notGoing").size() == 1);
        // the sender answers its own event too
        assertThat(respond("ann", id, "going").json().path("event").path("responses").path("going").get(0).asText())
                .isEqualTo(ANN + "@c.us");

        // where only admins send, a member's event is refused as its texts are
        var adminsOnly = api().put("/v1/sessions/ann/groups/" + groupId + "/settings/security/messages-admin-only",
                Map.of("adminsOnly", true));
        assertThat(adminsOnly.status()).as(adminsOnly.toString()).isEqualTo(200);
        assertThat(sendEvent("ben", groupId, Map.of("name", "Mine", "startTime", 2063137000L)).status())
                .isEqualTo(403);
    }

    @Test
    void badEventsAndResponsesAreRefused() {
        assertThat(sendEvent("ann", BEN, null).status()).isEqualTo(400);
        assertThat(sendEvent("ann", BEN, Map.of("startTime", 2063137000L)).status()).isEqualTo(400);
        assertThat(sendEvent("ann", BEN, Map.of("name", "x")).status()).isEqualTo(400);
        assertThat(sendEvent("ann", BEN, Map.of("name", "x", "startTime", 2063137000L, "endTime", 2063137000L))
                .status()).isEqualTo(400);
        assertThat(sendEvent("ann", BEN, Map.of("name", "x", "startTime", 2063137000L,
                "callLink", "https://example.com/call")).status()).isEqualTo(400);
        assertThat(sendEvent("ann", BEN, Map.of("name", "x".repeat(257), "startTime", 2063137000L)).status())
                .isEqualTo(400);
        assertThat(sendEvent("nobody", BEN, LUNCH).status()).isEqualTo(404);
        assertThat(sendEvent("ann", "120363000000000077@g.us", LUNCH).status()).as("not a member").isEqualTo(404);

        var text = api().post("/v1/sendText", Map.of("session", "ann", "chatId", BEN, "text", "not an event"));
        String textId = text.json().path("id").asText();
        assertThat(respond("ann", textId, "going").status()).as("not an event").isEqualTo(400);
        String eventId = sendEvent("ann", BEN, LUNCH).json().path("id").asText();
        assertThat(respond("ann", eventId, "perhaps").status()).isEqualTo(400);
        assertThat(respond("ann", "false_15550000009@c.us_3EB0000000000000000000", "going").status()).isEqualTo(404);

        var toCat = sendEvent("ann", CAT, LUNCH).json().path("id").asText();
        var cats = copy("cat", ANN, waId(toCat), m -> m.path("type").asText().equals("event"));
        assertThat(api().post("/v1/sessions/cat/stop", null).status()).isEqualTo(200);
        try {
            assertThat(sendEvent("cat", BEN, LUNCH).status()).as("not WORKING").isEqualTo(409);
            assertThat(respond("cat", cats.path("id").asText(), "going").status()).as("not WORKING").isEqualTo(409);
        } finally {
            api().post("/v1/sessions/cat/start", null);
            Sessions.awaitStatus(api(), "cat", "WORKING");
        }
    }

    @Test
    void anAnswerToAnEventTheNetworkForgotArrivesAsFailed() {
        String id = sendEvent("ann", CAT, Map.of("name", "Before the restart", "startTime", 2063137000L))
                .json().path("id").asText();
        var cats = copy("cat", ANN, waId(id), m -> m.path("type").asText().equals("event"));
        server.restart();
        Sessions.awaitStatus(api(), "ann", "WORKING");
        Sessions.awaitStatus(api(), "cat", "WORKING");
        assertThat(respond("cat", cats.path("id").asText(), "going").status()).isEqualTo(201);
        var failed = receiver.awaitRequest("ann's event.response.failed", r -> r.path().equals("/ann")
                && r.event().equals("event.response.failed")
                && r.json().path("payload").path("eventMessageId").asText().equals(id));
        assertThat(failed.json().path("payload").path("from").asText()).isEqualTo(CAT + "@c.us");
        assertThat(failed.json().path("payload").path("answer").asText()).isEqualTo("UNKNOWN");
        assertThat(api().get("/v1/messages?session=ann&chatId=" + CAT).json().findValues("event").getFirst()
                .path("responses").path("going")).as("a failed answer is not counted").isEmpty();
    }
}

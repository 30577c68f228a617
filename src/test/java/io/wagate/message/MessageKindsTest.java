package io.wagate.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Locations, contact cards, polls, replies, edits and deletes between two sandbox sessions. */
class MessageKindsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    static final String CAROL = "15552220001";
    static final String DAN = "15552220002";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "carol", CAROL);
        Sessions.linked(server.api(), "dan", DAN);
    }

    private static Api api() {
        return server.api();
    }

    private static JsonNode post(String path, Map<String, Object> body, int status) {
        var response = api().post(path, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        CONTRACT.assertConforms("POST", path, response);
        return response.json();
    }

    /** Dan's copy of a message carol sent, once it arrived. */
    private static JsonNode dansCopy(JsonNode sent) {
        String id = sent.path("id").asText();
        String dansId = "false_" + CAROL + "@c.us_" + id.substring(id.lastIndexOf('_') + 1);
        return await().atMost(Duration.ofSeconds(10)).until(() -> find("dan", CAROL, dansId), m -> m != null);
    }

    private static JsonNode find(String session, String chat, String id) {
        for (var m : api().get("/v1/messages?session=" + session + "&chatId=" + chat).json()) {
            if (m.path("id").asText().equals(id)) {
                return m;
            }
        }
        return null;
    }

    @Test
    void aLocationArrivesWithItsCoordinates() {
        var sent = post("/v1/sendLocation", Map.of("session", "carol", "chatId", DAN, "latitude", 0,
                "longitude", -77.0365298, "title", "somewhere"), 201);
        assertThat(sent.path("type").asText()).isEqualTo("location");
        var copy = dansCopy(sent);
        assertThat(copy.path("location").path("latitude").asDouble()).isEqualTo(0.0);
        assertThat(copy.path("location").path("longitude").asDouble()).isEqualTo(-77.0365298);
        assertThat(copy.path("location").path("title").asText()).isEqualTo("somewhere");
    }

    @Test
    void coordinatesOutOfRangeAre400() {
        post("/v1/sendLocation", Map.of("session", "carol", "chatId", DAN, "latitude", 91, "longitude", 0), 400);
        post("/v1/sendLocation", Map.of("session", "carol", "chatId", DAN, "latitude", 0, "longitude", 181), 400);
        post("/v1/sendLocation", Map.of("session", "carol", "chatId", DAN, "latitude", -90, "longitude", 180), 201);
        var missing = post("/v1/sendLocation", Map.of("session", "carol", "chatId", DAN, "latitude", 1), 400);
        assertThat(missing.path("message").asText()).contains("longitude");
    }

    @Test
    void contactCardsAreProperVCards() {
        var sent = post("/v1/sendContactVcard", Map.of("session", "carol", "chatId", DAN,
                "contactsId", List.of("15551234567"),
                "contacts", List.of(Map.of("fullName", "Doe, Jane; \"JD\"", "phoneNumber", "+44 20 7946 0958",
                        "organization", "Acme"))), 201);
        assertThat(sent.path("type").asText()).isEqualTo("vcard");
        var cards = dansCopy(sent).path("vCards");
        assertThat(cards).hasSize(2);
        assertThat(cards.get(0).asText()).contains("TEL;type=CELL;type=VOICE;waid=15551234567:+15551234567");
        assertThat(cards.get(1).asText()).startsWith("BEGIN:VCARD\nVERSION:3.0\n")
                .contains("FN:Doe\\, Jane\\; \"JD\"").contains("ORG:Acme;")
                .contains("waid=442079460958:+442079460958").endsWith("END:VCARD");
        post("/v1/sendContactVcard", Map.of("session", "carol", "chatId", DAN), 400);
        post("/v1/sendContactVcard", Map.of("session", "carol", "chatId", DAN,
                "contacts", List.of(Map.of("vcard", "not a card"))), 400);
        post("/v1/sendContactVcard", Map.of("session", "carol", "chatId", DAN,
                "contacts", List.of(Map.of("fullName", "No Number"))), 400);
    }

    @Test
    void pollsNeedTwoToTwelveDistinctOptions() {
        var sent = post("/v1/sendPoll", Map.of("session", "carol", "chatId", DAN, "poll",
                Map.of("name", "Lunch?", "options", List.of("Pizza", "Sushi"), "multipleAnswers", true)), 201);
        var poll = dansCopy(sent).path("poll");
        assertThat(poll.path("name").asText()).isEqualTo("Lunch?");
        assertThat(poll.path("options").toString()).isEqualTo("[\"Pizza\",\"Sushi\"]");
        assertThat(poll.path("selectableCount").asInt()).isEqualTo(2);

        post("/v1/sendPoll", Map.of("session", "carol", "chatId", DAN, "poll",
                Map.of("name", "One?", "options", List.of("only"))), 400);
        var thirteen = java.util.stream.IntStream.range(0, 13).mapToObj(i -> "o" + i).toList();
        post("/v1/sendPoll", Map.of("session", "carol", "chatId", DAN, "poll",
                Map.of("name", "Many?", "options", thirteen)), 400);
        post("/v1/sendPoll", Map.of("session", "carol", "chatId", DAN, "poll",
                Map.of("name", "Twelve", "options", thirteen.subList(0, 12))), 201);
        var duplicate = post("/v1/sendPoll", Map.of("session", "carol", "chatId", DAN, "poll",
                Map.of("name", "Dup?", "options", List.of("a", "a"))), 400);
        assertThat(duplicate.path("message").asText()).contains("distinct");
        post("/v1/sendPoll", Map.of("session", "carol", "chatId", DAN), 400);
    }

    @Test
    void replyNeedsReplyTo() {
        String original = post("/v1/sendText", Map.of("session", "carol", "chatId", DAN, "text", "ping?"), 201)
                .path("id").asText();
        var reply = post("/v1/reply", Map.of("session", "carol", "chatId", DAN, "text", "pong", "reply_to", original),
                201);
        assertThat(reply.path("replyTo").path("id").asText()).isEqualTo(original);
        var copy = dansCopy(reply);
        assertThat(copy.path("replyTo").path("body").asText()).isEqualTo("ping?");
        assertThat(copy.path("replyTo").path("id").asText())
                .as("the quoted message as dan has it").isEqualTo("false_" + CAROL + "@c.us_"
                        + original.substring(original.lastIndexOf('_') + 1));
        post("/v1/reply", Map.of("session", "carol", "chatId", DAN, "text", "pong"), 400);
    }

    @Test
    void editAndDeleteReachTheOtherSide() {
        var sent = post("/v1/sendText", Map.of("session", "carol", "chatId", DAN, "text", "typo"), 201);
        String id = sent.path("id").asText();
        String dansId = dansCopy(sent).path("id").asText();
        String path = "/v1/sessions/carol/chats/" + DAN + "@c.us/messages/" + id;

        var edited = api().put(path, Map.of("text", "fixed"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        CONTRACT.assertConforms("PUT", "/v1/sessions/{session}/chats/{chatId}/messages/{messageId}", edited);
        assertThat(edited.json().path("body").asText()).isEqualTo("fixed");
        await().atMost(Duration.ofSeconds(10)).until(() -> find("dan", CAROL, dansId).path("body").asText(),
                "fixed"::equals);

        var deleted = api().delete(path);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        CONTRACT.assertConforms("DELETE", "/v1/sessions/{session}/chats/{chatId}/messages/{messageId}", deleted);
        assertThat(find("carol", DAN, id).path("type").asText()).isEqualTo("revoked");
        var dans = await().atMost(Duration.ofSeconds(10)).until(() -> find("dan", CAROL, dansId),
                m -> "revoked".equals(m.path("type").asText()));
        assertThat(dans.path("body").asText()).isEmpty();
    }

    @Test
    void editingOrDeletingWhatIsNotYoursIsRefused() {
        var sent = post("/v1/sendText", Map.of("session", "carol", "chatId", DAN, "text", "carol's"), 201);
        String dansId = dansCopy(sent).path("id").asText();
        String dansPath = "/v1/sessions/dan/chats/" + CAROL + "@c.us/messages/" + dansId;
        assertThat(api().put(dansPath, Map.of("text", "hijack")).status()).isEqualTo(403);
        assertThat(api().delete(dansPath).status()).isEqualTo(403);

        String carolsPath = "/v1/sessions/carol/chats/" + DAN + "@c.us/messages/";
        assertThat(api().put(carolsPath + "true_" + DAN + "@c.us_3EB0AAAAAAAAAAAAAAAA", Map.of("text", "x")).status())
                .isEqualTo(404);
        assertThat(api().put(carolsPath + "garbage", Map.of("text", "x")).status()).isEqualTo(400);
        // dan's message id under carol's session: another session's message is a missing one
        assertThat(api().delete("/v1/sessions/carol/chats/" + CAROL + "@c.us/messages/" + dansId).status())
                .isEqualTo(404);
        assertThat(api().put("/v1/sessions/carol/chats/" + DAN + "@c.us/messages/" + sent.path("id").asText(),
                Map.of("text", "")).status()).isEqualTo(400);
        // the right message under the wrong chat
        assertThat(api().delete("/v1/sessions/carol/chats/15550000001@c.us/messages/" + sent.path("id").asText())
                .status()).isEqualTo(404);
    }
}

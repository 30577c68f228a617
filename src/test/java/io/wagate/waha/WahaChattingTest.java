package io.wagate.waha;

import static io.wagate.waha.WahaDocument.assertAnswers;
import static io.wagate.waha.WahaDocument.assertRequest;
import static io.wagate.waha.WahaDocument.exampleOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * WAHA's Chatting operations against WAHA's document, on the sandbox: each request is built from the examples
 * and defaults of WAHA's request schema (and validated against it), each answer validated against WAHA's
 * response schema.
 */
class WahaChattingTest {
    private static final String ECHO = "15550000001@c.us";
    private static final String ANA = "15556630001";
    private static final String BEN = "15556630002";

    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);

    @TempDir
    static Path fixtures;

    private static Api api() {
        return server.get().api();
    }

    @BeforeAll
    static void link() {
        Sessions.linked(api(), "ana", ANA);
        Sessions.linked(api(), "ben", BEN);
    }

    private static JsonNode send(String path, Map<String, ?> overrides) {
        return assertAnswers(api().post(path, exampleOf("post", path, overrides)), "POST", path, 201);
    }

    private static Map<String, String> file(String mimetype, String filename, byte[] data) {
        return Map.of("mimetype", mimetype, "filename", filename, "data", Base64.getEncoder().encodeToString(data));
    }

    /** The messages of {@code chatId} in {@code session} by WAHA's list, once {@code until} holds. */
    private static JsonNode awaitMessages(String session, String chatId, java.util.function.Predicate<JsonNode> until) {
        String path = "/api/messages?session=" + session + "&chatId=" + chatId + "&limit=20&downloadMedia=false";
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> assertAnswers(api().get(path), "GET", "/api/messages", 200), until);
    }

    private static JsonNode withBody(JsonNode messages, String body, boolean fromMe) {
        for (var message : messages) {
            if (message.path("body").asText().equals(body) && message.path("fromMe").asBoolean() == fromMe) {
                return message;
            }
        }
        return null;
    }

    @Test
    void everyKindOfMessageIsSentAndAnsweredAsWahasMessage() throws Exception {
        var text = send("/api/sendText", Map.of("session", "ana", "chatId", ECHO, "text", "hello waha"));
        assertThat(text.path("id").asText()).startsWith("true_" + ECHO + "_");
        assertThat(text.path("fromMe").asBoolean()).isTrue();
        assertThat(text.path("source").asText()).isEqualTo("api");
        var reply = send("/api/reply", Map.of("session", "ana", "chatId", ECHO, "text", "again",
                "reply_to", text.path("id").asText()));
        assertThat(reply.path("replyTo").path("id").asText()).isEqualTo(text.path("id").asText());

        var image = send("/api/sendImage", Map.of("session", "ana", "chatId", ECHO, "caption", "a picture",
                "file", file("image/png", "p.png", Fixtures.png())));
        assertThat(image.path("hasMedia").asBoolean()).isTrue();
        assertThat(image.path("media").path("mimetype").asText()).isEqualTo("image/png");
        send("/api/sendFile", Map.of("session", "ana", "chatId", ECHO, "file",
                file("application/pdf", "doc.pdf", Fixtures.pdf())));
        byte[] tone = Files.readAllBytes(Fixtures.tone(fixtures, "note.mp3"));
        send("/api/sendVoice", Map.of("session", "ana", "chatId", ECHO, "convert", true,
                "file", file("audio/mpeg", "note.mp3", tone)));
        byte[] clip = Files.readAllBytes(Fixtures.video(fixtures, "clip.mp4", "libx264"));
        send("/api/sendVideo", Map.of("session", "ana", "chatId", ECHO, "asNote", false,
                "file", file("video/mp4", "clip.mp4", clip)));

        var location = send("/api/sendLocation", Map.of("session", "ana", "chatId", ECHO));
        assertThat(location.path("location").path("latitude").asText()).isEqualTo("38.8937255");
        var vcard = "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe\nTEL;type=CELL;waid=15550009999:+1 555 000 9999\nEND:VCARD";
        var contacts = send("/api/sendContactVcard", Map.of("session", "ana", "chatId", ECHO, "contacts", List.of(
                Map.of("vcard", vcard))));
        assertThat(contacts.path("vCards").get(0).asText()).contains("Jane Doe");
        // WAHA's Contact form, which its schema's oneOf cannot tell from a VCardContact (both require vcard).
        var built = api().post("/api/sendContactVcard", Map.of("session", "ana", "chatId", ECHO, "contacts",
                List.of(Map.of("fullName", "John Doe", "organization", "Company", "phoneNumber", "+1 555 000 8888",
                        "whatsappId", "15550008888"))));
        assertThat(assertAnswers(built, "POST", "/api/sendContactVcard", 201).path("vCards").get(0).asText())
                .contains("John Doe");

        var typing = api().post("/api/startTyping", assertRequest("post", "/api/startTyping",
                Map.of("session", "ana", "chatId", ECHO)));
        assertAnswers(typing, "POST", "/api/startTyping", 201);
        assertAnswers(api().post("/api/stopTyping", Map.of("session", "ana", "chatId", ECHO)), "POST",
                "/api/stopTyping", 201);

        var old = assertAnswers(api().get("/api/sendText?session=ana&phone=15550000001&text=by+query"), "GET",
                "/api/sendText", 200);
        assertThat(old.path("body").asText()).isEqualTo("by query");
    }

    @Test
    void aReceivedMessageIsListedReactedToStarredAndRead() {
        send("/api/sendText", Map.of("session", "ana", "chatId", ECHO, "text", "echo me"));
        var echoed = withBody(awaitMessages("ana", ECHO, m -> withBody(m, "echo me", false) != null), "echo me", false);
        assertThat(echoed.path("id").asText()).startsWith("false_" + ECHO + "_");
        assertThat(echoed.path("participant").asText()).as("not a group's").isEmpty();
        String id = echoed.path("id").asText();

        var reacted = assertAnswers(api().put("/api/reaction", assertRequest("put", "/api/reaction",
                Map.of("session", "ana", "messageId", id, "reaction", "👍"))), "PUT", "/api/reaction", 200);
        assertThat(reacted.path("_data").path("reactions").get(0).path("text").asText()).isEqualTo("👍");
        var starred = assertAnswers(api().put("/api/star", assertRequest("put", "/api/star",
                Map.of("session", "ana", "chatId", ECHO, "messageId", id, "star", true))), "PUT", "/api/star", 200);
        assertThat(starred.path("_data").path("starred").asBoolean()).isTrue();
        send("/api/sendSeen", Map.of("session", "ana", "chatId", ECHO, "messageIds", List.of(id)));
        assertAnswers(api().post("/api/sendSeen", Map.of("session", "ana", "chatId", ECHO)), "POST",
                "/api/sendSeen", 201);
    }

    @Test
    void aPollIsSentAndVotedOnByItsRecipient() {
        var poll = send("/api/sendPoll", Map.of("session", "ana", "chatId", BEN + "@c.us", "poll",
                Map.of("name", "Lunch?", "options", List.of("Pizza", "Soup"), "multipleAnswers", false)));
        String waId = poll.path("id").asText().substring(poll.path("id").asText().lastIndexOf('_') + 1);
        String anaChat = ANA + "@c.us";
        var copy = Sessions.awaitCopy(api(), "ben", anaChat, waId, m -> true);
        var voted = send("/api/sendPollVote", Map.of("session", "ben", "chatId", anaChat,
                "pollMessageId", copy.path("id").asText(), "votes", List.of("Soup")));
        assertThat(voted.path("id").asText()).isEqualTo(copy.path("id").asText());
        var channel = api().post("/api/sendPollVote", Map.of("session", "ben", "chatId", anaChat,
                "pollMessageId", copy.path("id").asText(), "pollServerId", 12, "votes", List.of("Soup")));
        assertThat(channel.status()).isEqualTo(501);
        assertThat(channel.json().path("message").asText()).contains("pollServerId");
    }

    @Test
    void checkNumberStatusAnswersWhetherTheNumberIsOnWhatsApp() {
        var known = assertAnswers(api().get("/api/checkNumberStatus?session=ana&phone=" + BEN), "GET",
                "/api/checkNumberStatus", 200);
        assertThat(known.path("numberExists").asBoolean()).isTrue();
        assertThat(known.path("chatId").asText()).isEqualTo(BEN + "@c.us");
        var unknown = assertAnswers(api().get("/api/checkNumberStatus?session=ana&phone=15559990000"), "GET",
                "/api/checkNumberStatus", 200);
        assertThat(unknown.path("numberExists").asBoolean()).isFalse();
        assertThat(unknown.has("chatId")).isFalse();
        assertThat(api().get("/api/checkNumberStatus?session=ana").status()).isEqualTo(400);
    }

    @Test
    void whatWagateCannotDoAnswers501AndBadRequests400() {
        assertStatus(api().post("/api/sendText", Map.of("session", "ana", "chatId", ECHO, "text", "x",
                "id", "BBBBBBBBBBBBBBBBB")), 501, "pre-generated");
        assertStatus(api().post("/api/sendVideo", Map.of("session", "ana", "chatId", ECHO, "asNote", true,
                "convert", false, "file", Map.of("mimetype", "video/mp4", "url", "http://127.0.0.1:9/v.mp4"))),
                501, "asNote");
        assertStatus(api().get("/api/messages?session=ana&chatId=" + ECHO + "&filter.fromMe=true"), 501,
                "filter.fromMe");
        assertStatus(api().get("/api/messages?session=ana&chatId=" + ECHO + "&sortOrder=asc"), 501, "asc");
        assertStatus(api().get("/api/messages?session=ana&chatId=" + ECHO + "&sortOrder=up"), 400, "sortOrder");
        assertStatus(api().get("/api/messages?session=ana"), 400, "chatId");
        assertStatus(api().post("/api/reply", Map.of("session", "ana", "chatId", ECHO, "text", "x")), 400,
                "reply_to");
        assertStatus(api().post("/api/sendImage", Map.of("session", "ana", "chatId", ECHO, "convert", true,
                "file", file("image/png", "p.png", Fixtures.png()))), 400, "convert");
        assertStatus(api().post("/api/sendText", Map.of("session", "ghost", "chatId", ECHO, "text", "x")), 404,
                "ghost");
        assertStatus(api().post("/api/startTyping", Map.of("session", "ana", "chatId", "not a chat")), 400,
                "chatId");
    }

    private static void assertStatus(Api.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("statusCode").asInt()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }
}

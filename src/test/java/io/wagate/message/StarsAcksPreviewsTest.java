package io.wagate.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Stars, the PLAYED ack of voice notes, and link previews made without fetching anything. */
class StarsAcksPreviewsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    static final String SAM = "15556620001";
    static final String TIA = "15556620002";

    @TempDir
    static Path fixtures;

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "sam", SAM);
        Sessions.linked(server.api(), "tia", TIA);
    }

    private static Api api() {
        return server.api();
    }

    private static JsonNode sendText(String session, String chatId, Map<String, Object> extra) {
        var body = new HashMap<String, Object>(extra);
        body.put("session", session);
        body.put("chatId", chatId);
        var response = api().post("/v1/sendText", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        CONTRACT.assertConforms("POST", "/v1/sendText", response);
        return response.json();
    }

    private static Api.Response star(Map<String, Object> body) {
        var response = api().put("/v1/star", body);
        CONTRACT.assertConforms("PUT", "/v1/star", response);
        return response;
    }

    private static JsonNode stored(String session, String chatId, String id, int minAck) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            var list = api().get("/v1/messages?session=" + session + "&chatId=" + chatId + "&limit=1000");
            CONTRACT.assertConforms("GET", "/v1/messages", list);
            for (var m : list.json()) {
                if (m.path("id").asText().equals(id)) {
                    return m;
                }
            }
            return null;
        }, m -> m != null && m.path("ack").asInt() >= minAck);
    }

    private static String received(String sentId, String senderNumber) {
        return "false_" + senderNumber + "@c.us_" + sentId.split("_")[2];
    }

    @Test
    void starringMarksTheMessageInTheHistoryOfThisSessionOnly() {
        String sent = sendText("sam", TIA, Map.of("text", "remember this")).path("id").asText();
        String tias = received(sent, SAM);
        stored("tia", SAM, tias, 0);

        var starred = star(Map.of("session", "tia", "messageId", tias, "star", true));
        assertThat(starred.status()).as(starred.toString()).isEqualTo(200);
        assertThat(starred.json().path("starred").asBoolean()).isTrue();
        assertThat(stored("tia", SAM, tias, 0).path("starred").asBoolean()).isTrue();
        assertThat(stored("sam", TIA, sent, 0).has("starred")).as("the sender does not see the star").isFalse();

        // with the chat named, and unstarring
        var unstarred = star(Map.of("session", "tia", "chatId", SAM, "messageId", tias, "star", false));
        assertThat(unstarred.status()).as(unstarred.toString()).isEqualTo(200);
        assertThat(unstarred.json().has("starred")).isFalse();
        assertThat(stored("tia", SAM, tias, 0).has("starred")).isFalse();

        // an own message can be starred too, and the star survives an edit
        assertThat(star(Map.of("session", "sam", "messageId", sent, "star", true)).status()).isEqualTo(200);
        var edit = api().put("/v1/sessions/sam/chats/" + TIA + "@c.us/messages/" + sent, Map.of("text", "edited"));
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        var afterEdit = stored("sam", TIA, sent, 0);
        assertThat(afterEdit.path("body").asText()).isEqualTo("edited");
        assertThat(afterEdit.path("starred").asBoolean()).isTrue();
    }

    @Test
    void badStars() {
        String sent = sendText("sam", TIA, Map.of("text", "x")).path("id").asText();
        assertBad(star(Map.of("session", "sam", "messageId", sent)), 400, "star is required");
        assertBad(star(Map.of("session", "sam", "star", true)), 400, "messageId is required");
        assertBad(star(Map.of("session", "sam", "messageId", "nope", "star", true)), 400, "messageId");
        assertBad(star(Map.of("session", "sam", "messageId", sent, "star", "yes")), 400, "star");
        assertBad(star(Map.of("session", "sam", "messageId", "true_" + TIA + "@c.us_3EB0FFFFFFFFFFFFFFFF",
                "star", true)), 404, "not found");
        assertBad(star(Map.of("session", "sam", "chatId", "15550000001", "messageId", sent, "star", true)), 404,
                "not in chat");
        // another session's message is not found either
        assertBad(star(Map.of("session", "tia", "messageId", sent, "star", true)), 404, "not found");
        assertBad(star(Map.of("session", "ghost", "messageId", sent, "star", true)), 404, "ghost");

        Sessions.linked(api(), "dozer", "15556620003");
        String dozers = sendText("dozer", SAM, Map.of("text", "zz")).path("id").asText();
        api().post("/v1/sessions/dozer/stop", null);
        assertBad(star(Map.of("session", "dozer", "messageId", dozers, "star", true)), 409, "STOPPED");
    }

    @Test
    void aVoiceNoteNamedInSendSeenIsPlayedOtherMessagesStopAtRead() throws Exception {
        byte[] mp3 = Files.readAllBytes(Fixtures.tone(fixtures, "note.mp3"));
        var voice = api().post("/v1/sendVoice", Map.of("session", "sam", "chatId", TIA, "convert", true,
                "file", Map.of("data", Base64.getEncoder().encodeToString(mp3), "filename", "note.mp3")));
        assertThat(voice.status()).as(voice.toString()).isEqualTo(201);
        String voiceId = voice.json().path("id").asText();
        String text = sendText("sam", TIA, Map.of("text", "listen")).path("id").asText();
        stored("sam", TIA, text, 2);
        stored("sam", TIA, voiceId, 2);

        // reading the whole chat plays nothing
        assertThat(api().post("/v1/sendSeen", Map.of("session", "tia", "chatId", SAM)).status()).isEqualTo(200);
        assertThat(stored("sam", TIA, voiceId, 3).path("ackName").asText()).isEqualTo("READ");
        // naming the voice note plays it; naming the text again changes nothing
        var seen = api().post("/v1/sendSeen", Map.of("session", "tia", "chatId", SAM,
                "messageIds", List.of(received(voiceId, SAM), received(text, SAM))));
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        assertThat(stored("sam", TIA, voiceId, 4).path("ackName").asText()).isEqualTo("PLAYED");
        assertThat(stored("sam", TIA, text, 3).path("ackName").asText()).isEqualTo("READ");

        // the echo contact plays voice notes at once
        var toEcho = api().post("/v1/sendVoice", Map.of("session", "sam", "chatId", "15550000001", "convert", true,
                "file", Map.of("data", Base64.getEncoder().encodeToString(mp3), "filename", "note.mp3")));
        assertThat(stored("sam", "15550000001", toEcho.json().path("id").asText(), 4).path("ack").asInt())
                .isEqualTo(4);
    }

    @Test
    void aLinkPreviewIsMadeFromTheLinkWithoutFetchingIt() {
        var sent = sendText("sam", TIA, Map.of("text", "Docs at https://Docs.Example.org/start?x=1. Enjoy",
                "linkPreview", true, "linkPreviewHighQuality", true));
        assertThat(sent.path("linkPreview").path("url").asText()).isEqualTo("https://Docs.Example.org/start?x=1");
        assertThat(sent.path("linkPreview").path("title").asText()).isEqualTo("docs.example.org");
        var copy = stored("tia", SAM, received(sent.path("id").asText(), SAM), 0);
        assertThat(copy.path("linkPreview").path("url").asText()).isEqualTo("https://Docs.Example.org/start?x=1");

        // no preview without asking, nor without a link
        assertThat(sendText("sam", TIA, Map.of("text", "https://example.com")).has("linkPreview")).isFalse();
        assertThat(sendText("sam", TIA, Map.of("text", "no link here", "linkPreview", true)).has("linkPreview"))
                .isFalse();
    }

    private static void assertBad(Api.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }
}

package io.wagate.waha;

import static io.wagate.waha.WahaDocument.assertAnswers;
import static io.wagate.waha.WahaDocument.assertRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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

/** WAHA's Chats, Presence and Calls operations against WAHA's document, on the sandbox. */
class WahaChatsTest {
    private static final String ECHO = "15550000001@c.us";
    private static final String CHAT = "/api/{session}/chats/{chatId}";
    private static final String MESSAGE = CHAT + "/messages/{messageId}";

    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);

    private static Api api() {
        return server.get().api();
    }

    @BeforeAll
    static void link() {
        Sessions.linked(api(), "cat", "15556640001");
    }

    private static String sent(String text) {
        var sent = api().post("/api/sendText", Map.of("session", "cat", "chatId", ECHO, "text", text));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json().path("id").asText();
    }

    private static String chat(String suffix) {
        return "/api/cat/chats/" + ECHO + suffix;
    }

    @Test
    void chatsAreListedOverviewedArchivedAndMarked() {
        String id = sent("for the overview");
        var chats = assertAnswers(api().get("/api/cat/chats?sortBy=conversationTimestamp&sortOrder=desc"), "GET",
                "/api/{session}/chats", 200);
        assertThat(chats.get(0).path("id").asText()).isEqualTo(ECHO);
        var overview = await().atMost(Duration.ofSeconds(15)).until(() -> assertAnswers(
                api().get("/api/cat/chats/overview?limit=5"), "GET", "/api/{session}/chats/overview", 200),
                o -> o.size() == 1 && !o.get(0).path("lastMessage").path("id").asText().isEmpty());
        assertThat(overview.get(0).path("id").asText()).isEqualTo(ECHO);
        var posted = assertAnswers(api().post("/api/cat/chats/overview", assertRequest("post",
                "/api/{session}/chats/overview", Map.of("pagination", Map.of("limit", 5, "offset", 0)))), "POST",
                "/api/{session}/chats/overview", 201);
        assertThat(posted.get(0).path("_chat").path("id").asText()).isEqualTo(ECHO);
        assertThat(id).isNotBlank();

        var archived = assertAnswers(api().post(chat("/archive"), null), "POST", CHAT + "/archive", 201);
        assertThat(archived.path("archived").asBoolean()).isTrue();
        assertAnswers(api().post(chat("/unarchive"), null), "POST", CHAT + "/unarchive", 201);
        var unread = assertAnswers(api().post(chat("/unread"), null), "POST", CHAT + "/unread", 201);
        assertThat(unread.path("markedUnread").asBoolean()).isTrue();
        assertAnswers(api().post(chat("/messages/read"), null), "POST", CHAT + "/messages/read", 201);
    }

    @Test
    void aChatsMessagesAreListedReadEditedPinnedAndDeleted() {
        String id = sent("to be edited");
        var listed = assertAnswers(api().get(chat("/messages?limit=5&downloadMedia=false")), "GET",
                CHAT + "/messages", 200);
        assertThat(listed).extracting(m -> m.path("id").asText()).contains(id);
        var one = assertAnswers(api().get(chat("/messages/" + id)), "GET", MESSAGE, 200);
        assertThat(one.path("body").asText()).isEqualTo("to be edited");
        var edited = assertAnswers(api().put(chat("/messages/" + id), assertRequest("put", MESSAGE,
                Map.of("text", "edited"))), "PUT", MESSAGE, 200);
        assertThat(edited.path("body").asText()).isEqualTo("edited");
        assertAnswers(api().post(chat("/messages/" + id + "/pin"), assertRequest("post", MESSAGE + "/pin",
                Map.of("duration", 86400))), "POST", MESSAGE + "/pin", 201);
        assertAnswers(api().post(chat("/messages/" + id + "/unpin"), null), "POST", MESSAGE + "/unpin", 201);
        assertAnswers(api().delete(chat("/messages/" + id)), "DELETE", MESSAGE, 200);
        await().atMost(Duration.ofSeconds(15)).until(() -> api().get(chat("/messages/" + id)).json()
                .path("_data").path("type").asText(), "revoked"::equals);
    }

    @Test
    void presenceIsSetReadAndSubscribedAndACallRejected() {
        assertAnswers(api().post("/api/cat/presence", assertRequest("post", "/api/{session}/presence",
                Map.of("presence", "online"))), "POST", "/api/{session}/presence", 201);
        assertAnswers(api().post("/api/cat/presence", Map.of("presence", "typing", "chatId", ECHO)), "POST",
                "/api/{session}/presence", 201);
        assertAnswers(api().post("/api/cat/presence/" + ECHO + "/subscribe", null), "POST",
                "/api/{session}/presence/{chatId}/subscribe", 201);
        var one = assertAnswers(api().get("/api/cat/presence/" + ECHO), "GET", "/api/{session}/presence/{chatId}",
                200);
        assertThat(one.path("id").asText()).isEqualTo(ECHO);
        assertAnswers(api().get("/api/cat/presence"), "GET", "/api/{session}/presence", 200);

        var call = api().post("/v1/sessions/cat/sandbox/calls", Map.of("from", "15550000001")).json();
        assertAnswers(api().post("/api/cat/calls/reject", assertRequest("post", "/api/{session}/calls/reject",
                Map.of("from", ECHO, "id", call.path("id").asText()))), "POST", "/api/{session}/calls/reject", 201);
    }

    @Test
    void refusalsNameWhatIsWrongOrMissing() {
        String id = sent("x");
        assertStatus(api().get("/api/cat/chats/overview?ids=" + ECHO), 501, "ids");
        assertStatus(api().post("/api/cat/chats/overview", Map.of("filter", Map.of("ids", List.of(ECHO)))), 400,
                "pagination");
        assertStatus(api().post(chat("/messages/" + id + "/pin"), Map.of()), 400, "duration");
        assertStatus(api().post(chat("/messages/" + id + "/pin"), Map.of("duration", 5)), 400, "duration");
        assertStatus(api().get("/api/cat/chats/15550000002@c.us/messages/" + id), 404, "not in chat");
        assertStatus(api().get("/api/ghost/chats"), 404, "ghost");
        assertStatus(api().post("/api/cat/presence", Map.of("presence", "typing")), 400, "chatId");
        assertStatus(api().post("/api/cat/calls/reject", Map.of("from", ECHO)), 400, "id is required");
    }

    private static void assertStatus(Api.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.path("statusCode").asInt()).isEqualTo(status);
        assertThat(body.path("message").asText()).contains(mentioned);
    }
}

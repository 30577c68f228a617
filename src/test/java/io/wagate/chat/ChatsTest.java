package io.wagate.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat list and archiving over HTTP. */
class ChatsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    static final String UMA = "15556630001";
    static final String VIC = "15556630002";
    static final String ECHO = "15550000001";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "uma", UMA);
        Sessions.linked(server.api(), "vic", VIC);
    }

    private static Api api() {
        return server.api();
    }

    private static JsonNode chats(String session, String query) {
        var response = api().get("/v1/sessions/" + session + "/chats" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        CONTRACT.assertConforms("GET", "/v1/sessions/{session}/chats", response);
        return response.json();
    }

    private static List<String> ids(JsonNode chats) {
        var ids = new ArrayList<String>();
        chats.forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    private static Api.Response archive(String session, String chatId, boolean archived) {
        String path = "/v1/sessions/{session}/chats/{chatId}/" + (archived ? "archive" : "unarchive");
        var response = api().post(path.replace("{session}", session).replace("{chatId}", chatId), null);
        CONTRACT.assertConforms("POST", path, response);
        return response;
    }

    @Test
    void chatsComeFromMessagesNewestFirstAndCarryTheArchivedFlag() {
        api().post("/v1/sendText", Map.of("session", "uma", "chatId", VIC, "text", "first"));
        // the echo contact's reply makes its chat the newest
        api().post("/v1/sendText", Map.of("session", "uma", "chatId", ECHO, "text", "second"));
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/v1/messages?session=uma&chatId=" + ECHO)
                .json().size() == 2);
        var all = chats("uma", "");
        assertThat(ids(all)).startsWith(ECHO + "@c.us", VIC + "@c.us");
        assertThat(all.get(0).path("archived").asBoolean()).isFalse();
        assertThat(all.get(0).path("conversationTimestamp").asLong())
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));

        var archived = archive("uma", VIC, true);
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        assertThat(archived.json().path("id").asText()).isEqualTo(VIC + "@c.us");
        assertThat(archived.json().path("archived").asBoolean()).isTrue();
        assertThat(ids(chats("uma", "?archived=true"))).containsExactly(VIC + "@c.us");
        assertThat(ids(chats("uma", "?archived=false"))).contains(ECHO + "@c.us").doesNotContain(VIC + "@c.us");
        // a new message keeps the chat archived
        api().post("/v1/sendText", Map.of("session", "vic", "chatId", UMA, "text", "still there?"));
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/v1/messages?session=uma&chatId=" + VIC)
                .json().size() == 2);
        assertThat(ids(chats("uma", "?archived=true"))).containsExactly(VIC + "@c.us");
        // the other side's chat is not archived
        assertThat(chats("vic", "").get(0).path("archived").asBoolean()).isFalse();

        var unarchived = archive("uma", VIC + "@c.us", false);
        assertThat(unarchived.status()).isEqualTo(200);
        assertThat(unarchived.json().path("archived").asBoolean()).isFalse();
        assertThat(ids(chats("uma", "?archived=true"))).isEmpty();

        // a chat without messages can be archived; it is listed last, without a timestamp
        var silent = archive("uma", "15550000002", true);
        assertThat(silent.status()).isEqualTo(200);
        assertThat(silent.json().path("conversationTimestamp").isNull()).isTrue();
        var last = chats("uma", "?limit=1000");
        assertThat(last.get(last.size() - 1).path("id").asText()).isEqualTo("15550000002@c.us");
        assertThat(chats("uma", "?limit=1&offset=1")).hasSize(1);
    }

    @Test
    void groupsCanBeArchivedByMembersOnly() {
        var group = api().post("/v1/sessions/uma/groups", Map.of("name", "Archive me",
                "participants", List.of(Map.of("id", VIC))));
        String groupId = group.json().path("id").asText();
        assertThat(archive("vic", groupId, true).status()).isEqualTo(200);
        assertThat(ids(chats("vic", "?archived=true"))).contains(groupId);
        assertBad(archive("uma", "120363000000000009@g.us", true), 404, "not found");
    }

    @Test
    void badRequests() {
        assertBad(api().get("/v1/sessions/uma/chats?archived=maybe"), 400, "archived");
        assertBad(api().get("/v1/sessions/uma/chats?limit=0"), 400, "limit");
        assertBad(api().get("/v1/sessions/uma/chats?limit=1001"), 400, "limit");
        assertBad(api().get("/v1/sessions/uma/chats?offset=-1"), 400, "offset");
        assertBad(api().get("/v1/sessions/ghost/chats"), 404, "ghost");
        assertBad(archive("uma", "hello", true), 400, "chatId");
        assertBad(archive("uma", "120363000000000009@newsletter", true), 400, "archiving");
        assertBad(archive("ghost", VIC, true), 404, "ghost");
        Sessions.linked(api(), "idle", "15556630003");
        api().post("/v1/sessions/idle/stop", null);
        assertBad(archive("idle", VIC, false), 409, "STOPPED");
    }

    private static void assertBad(Api.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }
}

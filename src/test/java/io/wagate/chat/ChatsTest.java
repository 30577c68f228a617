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

/** The chat overview and the account's marks on chats (archive, pin, mute, unread, delete) over HTTP. */
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

    private static Api.Response state(String session, String chatId, String action, Object body) {
        String path = "/v1/sessions/{session}/chats/{chatId}/" + action;
        var response = api().post(path.replace("{session}", session).replace("{chatId}", chatId), body);
        CONTRACT.assertConforms("POST", path, response);
        return response;
    }

    private static Api.Response delete(String session, String chatId) {
        String path = "/v1/sessions/{session}/chats/{chatId}";
        var response = api().delete(path.replace("{session}", session).replace("{chatId}", chatId));
        CONTRACT.assertConforms("DELETE", path, response);
        return response;
    }

    private static JsonNode chat(String session, String chatId) {
        for (var chat : chats(session, "?limit=1000")) {
            if (chat.path("id").asText().equals(chatId)) {
                return chat;
            }
        }
        return null;
    }

    @Test
    void pinnedChatsComeFirstAndAtMostThreeArePinned() {
        Sessions.linked(api(), "pia", "15556630011");
        api().post("/v1/sendText", Map.of("session", "pia", "chatId", VIC, "text", "older"));
        api().post("/v1/sendText", Map.of("session", "pia", "chatId", UMA, "text", "newer"));
        await().atMost(Duration.ofSeconds(10)).until(() -> chats("pia", "").size() == 2);
        assertThat(ids(chats("pia", ""))).containsExactly(UMA + "@c.us", VIC + "@c.us");

        var pinned = state("pia", VIC, "pin", null);
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
        assertThat(pinned.json().path("pinned").asBoolean()).isTrue();
        assertThat(pinned.json().path("lastMessage").path("body").asText()).isEqualTo("older");
        assertThat(ids(chats("pia", ""))).containsExactly(VIC + "@c.us", UMA + "@c.us");
        // pinning again is no new pin
        assertThat(state("pia", VIC, "pin", null).status()).isEqualTo(200);
        assertThat(state("pia", "15550000003", "pin", null).status()).isEqualTo(200);
        assertThat(state("pia", "15550000004", "pin", null).status()).isEqualTo(200);
        assertBad(state("pia", UMA, "pin", null), 409, "at most 3");

        var unpinned = state("pia", VIC + "@c.us", "unpin", null);
        assertThat(unpinned.status()).isEqualTo(200);
        assertThat(unpinned.json().path("pinned").asBoolean()).isFalse();
        assertThat(state("pia", UMA, "pin", null).status()).isEqualTo(200);
        assertThat(ids(chats("pia", "")).get(0)).isEqualTo(UMA + "@c.us");
        // the other side's chat is not pinned
        assertThat(chats("uma", "").findValuesAsText("pinned")).doesNotContain("true");
    }

    @Test
    void chatsAreMutedUntilATimeOrAlways() {
        long until = System.currentTimeMillis() / 1000 + 3600;
        var muted = state("uma", "15550000005", "mute", Map.of("until", until));
        assertThat(muted.status()).as(muted.toString()).isEqualTo(200);
        assertThat(muted.json().path("mutedUntil").asLong()).isEqualTo(until);
        var always = state("uma", "15550000006", "mute", null);
        assertThat(always.status()).as(always.toString()).isEqualTo(200);
        assertThat(always.json().path("mutedUntil").asLong()).isEqualTo(-1);
        var unmuted = state("uma", "15550000005", "unmute", null);
        assertThat(unmuted.status()).isEqualTo(200);
        assertThat(unmuted.json().path("mutedUntil").isNull()).isTrue();
        assertThat(unmuted.json().path("pinned").asBoolean()).isFalse();

        var group = api().post("/v1/sessions/uma/groups", Map.of("name", "Mute me",
                "participants", List.of(Map.of("id", VIC))));
        String groupId = group.json().path("id").asText();
        assertThat(state("vic", groupId, "mute", null).json().path("mutedUntil").asLong()).isEqualTo(-1);
        // a group's chat is named by its subject
        await().atMost(Duration.ofSeconds(10)).until(() -> chat("vic", groupId) != null
                && "Mute me".equals(chat("vic", groupId).path("name").asText(null)));
        assertBad(state("uma", "120363000000000009@g.us", "mute", null), 404, "not found");
        assertBad(state("uma", "120363000000000009@g.us", "pin", null), 404, "not found");
    }

    @Test
    void unreadCountsFollowMessagesReadsAndMarks() {
        Sessions.linked(api(), "ria", "15556630021");
        Sessions.linked(api(), "rob", "15556630022");
        String ria = "15556630021@c.us";
        String rob = "15556630022@c.us";
        api().post("/v1/sendText", Map.of("session", "rob", "chatId", ria, "text", "one"));
        api().post("/v1/sendText", Map.of("session", "rob", "chatId", ria, "text", "two"));
        await().atMost(Duration.ofSeconds(10)).until(() -> chat("ria", rob) != null
                && chat("ria", rob).path("unreadCount").asInt() == 2);
        var unread = chat("ria", rob);
        assertThat(unread.path("lastMessage").path("body").asText()).isEqualTo("two");
        assertThat(unread.path("markedUnread").asBoolean()).isFalse();
        // the sender's side has nothing unread
        assertThat(chat("rob", ria).path("unreadCount").asInt()).isZero();

        assertThat(api().post("/v1/sendSeen", Map.of("session", "ria", "chatId", rob)).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> chat("ria", rob).path("unreadCount").asInt() == 0);

        var marked = state("ria", rob, "unread", null);
        assertThat(marked.status()).as(marked.toString()).isEqualTo(200);
        assertThat(marked.json().path("markedUnread").asBoolean()).isTrue();
        // reading clears the mark, and so does writing in the chat (as on WhatsApp's phones)
        api().post("/v1/sendSeen", Map.of("session", "ria", "chatId", rob));
        await().atMost(Duration.ofSeconds(10)).until(() -> !chat("ria", rob).path("markedUnread").asBoolean());
        assertThat(state("ria", rob, "unread", null).json().path("markedUnread").asBoolean()).isTrue();
        api().post("/v1/sendText", Map.of("session", "ria", "chatId", rob, "text", "on it"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !chat("ria", rob).path("markedUnread").asBoolean());
    }

    @Test
    void deletedChatsLeaveTheListUntilANewMessage() {
        Sessions.linked(api(), "dan", "15556630031");
        Sessions.linked(api(), "dot", "15556630032");
        String dan = "15556630031@c.us";
        String dot = "15556630032@c.us";
        api().post("/v1/sendText", Map.of("session", "dot", "chatId", dan, "text", "hello"));
        await().atMost(Duration.ofSeconds(10)).until(() -> chat("dan", dot) != null);
        state("dan", dot, "pin", null);
        var deleted = delete("dan", dot);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(chat("dan", dot)).isNull();
        // wagate's message history keeps the messages
        assertThat(api().get("/v1/messages?session=dan&chatId=" + dot).json()).hasSize(1);
        api().post("/v1/sendText", Map.of("session", "dot", "chatId", dan, "text", "again"));
        await().atMost(Duration.ofSeconds(10)).until(() -> chat("dan", dot) != null);
        var back = chat("dan", dot);
        assertThat(back.path("pinned").asBoolean()).isFalse();
        assertThat(back.path("unreadCount").asInt()).isEqualTo(1);
        assertThat(back.path("lastMessage").path("body").asText()).isEqualTo("again");

        assertBad(delete("dan", "hello"), 400, "chatId");
        assertBad(delete("ghost", dot), 404, "ghost");
        assertBad(delete("dan", "120363000000000009@g.us"), 404, "not found");
        assertBad(delete("dan", "120363000000000009@newsletter"), 501, "deleting");
    }

    @Test
    void theListSortsByTimeNameOrId() {
        Sessions.linked(api(), "sol", "15556630041");
        api().post("/v1/sendText", Map.of("session", "sol", "chatId", VIC, "text", "b"));
        api().post("/v1/sendText", Map.of("session", "sol", "chatId", UMA, "text", "a"));
        await().atMost(Duration.ofSeconds(10)).until(() -> chats("sol", "").size() == 2);
        assertThat(ids(chats("sol", ""))).containsExactly(UMA + "@c.us", VIC + "@c.us");
        assertThat(ids(chats("sol", "?sortBy=conversationTimestamp&sortOrder=asc")))
                .containsExactly(VIC + "@c.us", UMA + "@c.us");
        assertThat(ids(chats("sol", "?sortBy=id"))).containsExactly(UMA + "@c.us", VIC + "@c.us");
        assertThat(ids(chats("sol", "?sortBy=id&sortOrder=desc")))
                .containsExactly(VIC + "@c.us", UMA + "@c.us");
        assertThat(chats("sol", "?sortBy=name")).hasSize(2);
        assertBad(api().get("/v1/sessions/sol/chats?sortBy=size"), 400, "sortBy");
        assertBad(api().get("/v1/sessions/sol/chats?sortOrder=up"), 400, "sortOrder");
    }

    private static Api.Response disappearing(String session, String chatId, Object duration) {
        String path = "/v1/sessions/{session}/chats/{chatId}/disappearing";
        var response = api().put(path.replace("{session}", session).replace("{chatId}", chatId),
                duration == null ? Map.of() : Map.of("duration", duration));
        CONTRACT.assertConforms("PUT", path, response);
        return response;
    }

    @Test
    void disappearingMessagesAreTheChatsForEveryoneInIt() {
        Sessions.linked(api(), "eva", "15556630051");
        Sessions.linked(api(), "eli", "15556630052");
        String eva = "15556630051@c.us";
        String eli = "15556630052@c.us";
        var on = disappearing("eva", eli, 604800);
        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        assertThat(on.json().path("disappearing").asInt()).isEqualTo(604800);
        // the other person's chat has the same timer
        await().atMost(Duration.ofSeconds(10)).until(() -> chat("eli", eva) != null
                && chat("eli", eva).path("disappearing").asInt() == 604800);
        assertThat(disappearing("eli", eva, 0).json().path("disappearing").asInt()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> chat("eva", eli).path("disappearing").asInt() == 0);

        // in a group, every member's chat; only admins while info-admin-only is on
        var group = api().post("/v1/sessions/eva/groups", Map.of("name", "Vanishing",
                "participants", List.of(Map.of("id", eli))));
        String groupId = group.json().path("id").asText();
        assertThat(disappearing("eli", groupId, 86400).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> chat("eva", groupId) != null
                && chat("eva", groupId).path("disappearing").asInt() == 86400);
        var adminsOnly = api().put("/v1/sessions/eva/groups/" + groupId + "/settings/security/info-admin-only",
                Map.of("adminsOnly", true));
        assertThat(adminsOnly.status()).as(adminsOnly.toString()).isEqualTo(200);
        assertBad(disappearing("eli", groupId, 7776000), 403, "only admins");
        assertThat(disappearing("eva", groupId, 7776000).json().path("disappearing").asInt()).isEqualTo(7776000);

        assertBad(disappearing("eva", eli, 3600), 400, "duration");
        assertBad(disappearing("eva", eli, "week"), 400, "duration");
        assertBad(disappearing("eva", eli, null), 400, "duration");
        assertBad(disappearing("eva", "hello", 86400), 400, "chatId");
        assertBad(disappearing("eva", "15559999999", 86400), 400, "not on WhatsApp");
        assertBad(disappearing("ghost", eli, 86400), 404, "ghost");
        assertBad(disappearing("uma", groupId, 86400), 404, "not found");
        assertBad(disappearing("eva", "120363000000000009@newsletter", 86400), 501, "disappearing");
        Sessions.linked(api(), "idle3", "15556630053");
        api().post("/v1/sessions/idle3/stop", null);
        assertBad(disappearing("idle3", eli, 86400), 409, "STOPPED");
    }

    @Test
    void badPinsMutesAndMarks() {
        assertBad(state("uma", "15550000005", "mute", Map.of("until", 1000)), 400, "until");
        assertBad(state("uma", "15550000005", "mute", Map.of("until", "soon")), 400, "until");
        for (String action : List.of("pin", "unpin", "mute", "unmute", "unread")) {
            assertBad(state("uma", "hello", action, null), 400, "chatId");
            assertBad(state("ghost", VIC, action, null), 404, "ghost");
            assertBad(state("uma", "120363000000000009@g.us", action, null), 404, "not found");
        }
        assertBad(state("uma", "120363000000000009@newsletter", "pin", null), 501, "pinning");
        assertBad(state("uma", "120363000000000009@newsletter", "mute", null), 501, "muting");
        assertBad(state("uma", "120363000000000009@newsletter", "unread", null), 501, "marking unread");
        Sessions.linked(api(), "idle2", "15556630013");
        api().post("/v1/sessions/idle2/stop", null);
        for (String action : List.of("pin", "unpin", "mute", "unmute", "unread")) {
            assertBad(state("idle2", VIC, action, null), 409, "STOPPED");
        }
        assertBad(delete("idle2", VIC), 409, "STOPPED");
    }

    @Test
    void badRequests() {
        assertBad(api().get("/v1/sessions/uma/chats?archived=maybe"), 400, "archived");
        assertBad(api().get("/v1/sessions/uma/chats?limit=0"), 400, "limit");
        assertBad(api().get("/v1/sessions/uma/chats?limit=1001"), 400, "limit");
        assertBad(api().get("/v1/sessions/uma/chats?offset=-1"), 400, "offset");
        assertBad(api().get("/v1/sessions/ghost/chats"), 404, "ghost");
        assertBad(archive("uma", "hello", true), 400, "chatId");
        // the sandbox does not simulate marks on channels: 501, with the reason
        assertBad(archive("uma", "120363000000000009@newsletter", true), 501, "archiving");
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

package io.wagate.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.media.Fixtures;
import io.wagate.support.CheckedCalls;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Messages to groups: every member gets a copy with the sender as participant; acks; admin-only sending. */
class GroupMessagesTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final CheckedCalls calls = new CheckedCalls(server::api);

    static final String GROUPS = "/v1/sessions/{session}/groups";
    static final String OLA = "15554440001";
    static final String PIA = "15554440002";
    static final String QUIN = "15554440003";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "ola", OLA);
        Sessions.linked(server.api(), "pia", PIA);
        Sessions.linked(server.api(), "quin", QUIN);
    }

    static String group(String name, String... members) {
        var participants = java.util.Arrays.stream(members).map(m -> Map.of("id", m)).toList();
        return calls.expect(201, "POST", GROUPS, Map.of("name", name, "participants", participants), "ola")
                .path("id").asText();
    }

    static JsonNode sendText(int status, String session, String chatId, String text) {
        return calls.expect(status, "POST", "/v1/sendText", Map.of("session", session, "chatId", chatId, "text", text));
    }

    static JsonNode history(String session, String chatId) {
        return calls.expect(200, "GET", "/v1/messages?session=" + session + "&chatId=" + chatId, null);
    }

    static JsonNode awaitMessage(String session, String chatId, String id, int minAck) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> find(history(session, chatId), id), m -> m != null && m.path("ack").asInt() >= minAck);
    }

    static JsonNode find(JsonNode list, String id) {
        for (var message : list) {
            if (message.path("id").asText().equals(id)) {
                return message;
            }
        }
        return null;
    }

    static String bareId(JsonNode sent) {
        String id = sent.path("id").asText();
        return id.substring(id.lastIndexOf('_') + 1);
    }

    @Test
    void aGroupTextReachesEveryMemberWithTheSenderAsParticipant() {
        String group = group("Chat", PIA, QUIN);
        var sent = sendText(201, "ola", group, "hello group");
        assertThat(sent.path("id").asText()).matches("true_" + group + "_3EB0[0-9A-F]{16}");
        assertThat(sent.path("from").asText()).isEqualTo(OLA + "@c.us");
        assertThat(sent.path("to").asText()).isEqualTo(group);
        assertThat(sent.path("ackName").asText()).isEqualTo("SERVER");

        String copyId = "false_" + group + "_" + bareId(sent) + "_" + OLA + "@c.us";
        for (String member : List.of("pia", "quin")) {
            var copy = awaitMessage(member, group, copyId, 0);
            assertThat(copy.path("participant").asText()).isEqualTo(OLA + "@c.us");
            assertThat(copy.path("from").asText()).isEqualTo(group);
            assertThat(copy.path("fromMe").asBoolean()).isFalse();
            assertThat(copy.path("body").asText()).isEqualTo("hello group");
        }
        // DEVICE once both have it; READ only once both read it
        assertThat(awaitMessage("ola", group, sent.path("id").asText(), 2).path("ack").asInt()).isEqualTo(2);
        calls.expect(200, "POST", "/v1/sendSeen", Map.of("session", "pia", "chatId", group, "messageIds",
                List.of(copyId)));
        // quin has not read it yet: still DEVICE after pia's receipt was handled
        var seenByPia = calls.expect(201, "POST", "/v1/sendText", Map.of("session", "pia", "chatId", group,
                "text", "seen it"));
        awaitMessage("ola", group, "false_" + group + "_" + bareId(seenByPia) + "_" + PIA + "@c.us", 0);
        assertThat(find(history("ola", group), sent.path("id").asText()).path("ackName").asText()).isEqualTo("DEVICE");
        calls.expect(200, "POST", "/v1/sendSeen", Map.of("session", "quin", "chatId", group));
        assertThat(awaitMessage("ola", group, sent.path("id").asText(), 3).path("ackName").asText()).isEqualTo("READ");
    }

    @Test
    void otherKindsReachTheGroupToo() {
        String group = group("Kinds", PIA);
        var location = calls.expect(201, "POST", "/v1/sendLocation", Map.of("session", "ola", "chatId", group,
                "latitude", 52.52, "longitude", 13.405, "title", "Berlin"));
        var poll = calls.expect(201, "POST", "/v1/sendPoll", Map.of("session", "pia", "chatId", group,
                "poll", Map.of("name", "Lunch?", "options", List.of("Pizza", "Sushi"), "multipleAnswers", false)));
        var atPia = awaitMessage("pia", group, "false_" + group + "_" + bareId(location) + "_" + OLA + "@c.us", 0);
        assertThat(atPia.path("location").path("title").asText()).isEqualTo("Berlin");
        var atOla = awaitMessage("ola", group, "false_" + group + "_" + bareId(poll) + "_" + PIA + "@c.us", 0);
        assertThat(atOla.path("poll").path("options")).hasSize(2);
        // an edit reaches the members' copies
        var text = sendText(201, "ola", group, "typo");
        String copyId = "false_" + group + "_" + bareId(text) + "_" + OLA + "@c.us";
        awaitMessage("pia", group, copyId, 0);
        calls.expect(200, "PUT", "/v1/sessions/{session}/chats/{chatId}/messages/{messageId}",
                Map.of("text", "fixed"), "ola", group, text.path("id").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> find(history("pia", group), copyId).path("body").asText(),
                "fixed"::equals);
    }

    @Test
    void anImageReachesEachMemberEvenOneThatWasStopped() throws Exception {
        Sessions.linked(server.api(), "rex", "15554440004");
        String group = group("Pictures", PIA, "15554440004");
        server.api().post("/v1/sessions/rex/stop", null);
        byte[] png = Fixtures.png();
        var sent = calls.expect(201, "POST", "/v1/sendImage", Map.of("session", "ola", "chatId", group,
                "caption", "look", "file", Map.of("data", Base64.getEncoder().encodeToString(png),
                        "filename", "look.png")));
        String copyId = "false_" + group + "_" + bareId(sent) + "_" + OLA + "@c.us";
        var atPia = awaitMessage("pia", group, copyId, 0);
        assertThat(server.api().get(atPia.path("media").path("url").asText()).bytes()).isEqualTo(png);

        server.api().post("/v1/sessions/rex/start", null);
        Sessions.awaitStatus(server.api(), "rex", "WORKING");
        var atRex = awaitMessage("rex", group, copyId, 0);
        assertThat(atRex.path("body").asText()).isEqualTo("look");
        assertThat(server.api().get(atRex.path("media").path("url").asText()).bytes()).isEqualTo(png);
        awaitMessage("ola", group, sent.path("id").asText(), 2);
        // every member's spooled copy is gone once delivered
        var spool = server.get().dataDir().resolve("sandbox-spool");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (var files = Files.list(spool)) {
                return files.findAny().isEmpty();
            }
        });
    }

    @Test
    void withMessagesAdminOnlyOnlyAdminsSend() {
        String group = group("Announcements", PIA, QUIN);
        calls.expect(200, "PUT", GROUPS + "/{id}/settings/security/messages-admin-only", Map.of("adminsOnly", true),
                "ola", group);
        var refused = sendText(403, "pia", group, "may I?");
        assertThat(refused.path("message").asText()).contains("admins");
        calls.expect(403, "POST", "/v1/sendLocation", Map.of("session", "quin", "chatId", group, "latitude", 1,
                "longitude", 2));
        assertThat(history("pia", group)).noneMatch(m -> m.path("fromMe").asBoolean());
        var fromAdmin = sendText(201, "ola", group, "news");
        awaitMessage("pia", group, "false_" + group + "_" + bareId(fromAdmin) + "_" + OLA + "@c.us", 0);
        calls.expect(200, "POST", GROUPS + "/{id}/admin/promote", Map.of("participants", List.of(Map.of("id", PIA))),
                "ola", group);
        sendText(201, "pia", group, "now I may");
    }

    @Test
    void aGroupTheSenderIsNotInIsNotFound() {
        String group = group("Closed", PIA);
        var missing = sendText(404, "quin", group, "let me in");
        assertThat(missing.path("message").asText()).contains(group);
        sendText(404, "quin", "120363000000000000@g.us", "anyone?");
        calls.expect(200, "POST", GROUPS + "/{id}/leave", null, "pia", group);
        sendText(404, "pia", group, "gone");
    }

    @Test
    void theEchoContactReadsGroupMessagesAtOnce() {
        String group = group("With echo", "15550000001");
        var sent = sendText(201, "ola", group, "ping");
        assertThat(awaitMessage("ola", group, sent.path("id").asText(), 3).path("ackName").asText()).isEqualTo("READ");
    }
}

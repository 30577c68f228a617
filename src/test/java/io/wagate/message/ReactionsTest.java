package io.wagate.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.CheckedCalls;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PUT /v1/reaction between sandbox sessions: the other side (chat partner or group members) sees the
 * reaction on its copy, the reactor on its own; one latest reaction per member; "" removes it.
 */
class ReactionsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final CheckedCalls calls = new CheckedCalls(server::api);

    static final String RAY = "15556660001";
    static final String SUE = "15556660002";
    static final String TOM = "15556660003";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "ray", RAY);
        Sessions.linked(server.api(), "sue", SUE);
        Sessions.linked(server.api(), "tom", TOM);
    }

    private static JsonNode send(String session, String chatId, String text) {
        return calls.expect(201, "POST", "/v1/sendText", Map.of("session", session, "chatId", chatId, "text", text));
    }

    private static JsonNode react(int status, String session, String messageId, String reaction) {
        var body = new HashMap<String, Object>();
        body.put("session", session);
        body.put("messageId", messageId);
        body.put("reaction", reaction);
        return calls.expect(status, "PUT", "/v1/reaction", body);
    }

    /** The id the other end of a personal chat has for a message. */
    private static String seenBy(String senderNumber, String sentId) {
        return "false_" + senderNumber + "@c.us_" + bare(sentId);
    }

    private static String bare(String id) {
        return id.split("_")[2];
    }

    private static JsonNode stored(String session, String chatId, String id) {
        for (var message : calls.expect(200, "GET", "/v1/messages?session=" + session + "&chatId=" + chatId, null)) {
            if (message.path("id").asText().equals(id)) {
                return message;
            }
        }
        return null;
    }

    /** Waits until {@code session}'s copy shows exactly these reactions ("from text" each, oldest first). */
    private static JsonNode awaitReactions(String session, String chatId, String id, String... expected) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> stored(session, chatId, id), m -> m != null && describe(m).equals(List.of(expected)));
    }

    private static List<String> describe(JsonNode message) {
        var reactions = new ArrayList<String>();
        message.path("reactions").forEach(r -> reactions.add(r.path("from").asText() + " " + r.path("text").asText()));
        return reactions;
    }

    @Test
    void aReactionReachesTheSenderAndCanBeChangedAndRemoved() {
        String sent = send("ray", SUE, "lunch at 1?").path("id").asText();
        String suesCopy = seenBy(RAY, sent);
        awaitReactions("sue", RAY, suesCopy);

        var answer = react(200, "sue", suesCopy, "👍");
        assertThat(answer.path("id").asText()).isEqualTo(suesCopy);
        assertThat(describe(answer)).containsExactly(SUE + "@c.us 👍");
        assertThat(answer.path("reactions").get(0).path("timestamp").asLong())
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        awaitReactions("ray", SUE, sent, SUE + "@c.us 👍");

        // one reaction per member: a new one replaces it, on both sides
        assertThat(describe(react(200, "sue", suesCopy, "❤️"))).containsExactly(SUE + "@c.us ❤️");
        awaitReactions("ray", SUE, sent, SUE + "@c.us ❤️");

        // the sender reacts to its own message too
        react(200, "ray", sent, "😂");
        awaitReactions("sue", RAY, suesCopy, SUE + "@c.us ❤️", RAY + "@c.us 😂");

        // "" removes only the reactor's own reaction
        assertThat(describe(react(200, "sue", suesCopy, ""))).containsExactly(RAY + "@c.us 😂");
        awaitReactions("ray", SUE, sent, RAY + "@c.us 😂");
        react(200, "ray", sent, "");
        awaitReactions("sue", RAY, suesCopy);
        assertThat(stored("ray", SUE, sent).has("reactions")).isFalse();
    }

    @Test
    void emojiWithSkinTonesFlagsKeycapsAndZwjSequencesAreOneReaction() {
        String sent = send("ray", SUE, "emoji test").path("id").asText();
        for (String emoji : List.of("👍🏽", "🇩🇪", "1️⃣", "👨‍👩‍👧", "☺", "🫠")) {
            assertThat(describe(react(200, "ray", sent, emoji))).containsExactly(RAY + "@c.us " + emoji);
        }
    }

    @Test
    void inAGroupEveryMemberSeesTheReactionOnItsCopy() {
        var participants = List.of(Map.of("id", SUE), Map.of("id", TOM));
        String group = calls.expect(201, "POST", "/v1/sessions/{session}/groups",
                Map.of("name", "Reactions", "participants", participants), "ray").path("id").asText();
        String sent = send("ray", group, "group news").path("id").asText();
        String membersCopy = "false_" + group + "_" + bare(sent) + "_" + RAY + "@c.us";
        awaitReactions("sue", group, membersCopy);
        awaitReactions("tom", group, membersCopy);

        react(200, "sue", membersCopy, "🎉");
        awaitReactions("ray", group, sent, SUE + "@c.us 🎉");
        awaitReactions("tom", group, membersCopy, SUE + "@c.us 🎉");
        assertThat(describe(stored("sue", group, membersCopy))).containsExactly(SUE + "@c.us 🎉");

        // a reaction to another member's message reaches that member on its own message
        String toms = send("tom", group, "me too").path("id").asText();
        String tomsForSue = "false_" + group + "_" + bare(toms) + "_" + TOM + "@c.us";
        awaitReactions("sue", group, tomsForSue);
        awaitReactions("ray", group, tomsForSue);
        react(200, "sue", tomsForSue, "🙏");
        awaitReactions("tom", group, toms, SUE + "@c.us 🙏");
        awaitReactions("ray", group, tomsForSue, SUE + "@c.us 🙏");
    }

    @Test
    void aMessageDeletedForEveryoneLosesItsReactions() {
        String sent = send("ray", SUE, "oops").path("id").asText();
        String suesCopy = seenBy(RAY, sent);
        awaitReactions("sue", RAY, suesCopy);
        react(200, "sue", suesCopy, "😮");
        awaitReactions("ray", SUE, sent, SUE + "@c.us 😮");
        calls.expect(200, "DELETE", "/v1/sessions/{session}/chats/{chatId}/messages/{messageId}", null,
                "ray", SUE + "@c.us", sent);
        awaitReactions("ray", SUE, sent);
        await().atMost(Duration.ofSeconds(10)).until(() -> stored("sue", RAY, suesCopy),
                m -> m.path("type").asText().equals("revoked") && !m.has("reactions"));
    }

    @Test
    void badReactions() {
        String sent = send("ray", SUE, "target").path("id").asText();
        assertThat(react(400, "ray", "not-an-id", "👍").path("message").asText()).contains("messageId");
        assertThat(react(400, "ray", sent, null).path("message").asText()).contains("reaction");
        for (String notOneEmoji : List.of("ok", "👍👍", " ", "a", "1", "é", "👍".repeat(20))) {
            assertThat(react(400, "ray", sent, notOneEmoji).path("message").asText())
                    .as(notOneEmoji).contains("single emoji");
        }
        assertThat(react(404, "ray", "true_" + SUE + "@c.us_3EB0FFFFFFFFFFFFFFFF", "👍").path("message").asText())
                .contains("not found");
        // another session's message is as unknown as a missing one
        assertThat(react(404, "tom", sent, "👍").path("message").asText()).contains("not found");
        assertThat(react(404, "ghost", sent, "👍").path("message").asText()).contains("ghost");
        calls.expect(400, "PUT", "/v1/reaction", "{\"session\":\"ray\",\"messageId\":\"" + sent
                + "\",\"reaction\":\"👍\",\"extra\":1}");
        calls.expect(400, "PUT", "/v1/reaction", "{\"session\":\"ray\",\"messageId\":\"" + sent + "\",\"reaction\":7}");
    }

    @Test
    void reactingWhileNotWorkingIsAConflictNamingTheStatus() {
        Sessions.linked(server.api(), "resting", "15556660004");
        String sent = send("resting", RAY, "bye").path("id").asText();
        server.api().post("/v1/sessions/resting/stop", null);
        Sessions.awaitStatus(server.api(), "resting", "STOPPED");
        assertThat(react(409, "resting", sent, "👋").path("message").asText()).contains("STOPPED");
    }
}

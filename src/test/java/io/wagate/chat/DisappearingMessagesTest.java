package io.wagate.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.CheckedCalls;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestClock;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Messages of a chat with disappearing messages on run out after its timer, on both sides of the chat, as on
 * WhatsApp; the clock is the test's, moved past the timer instead of waiting a day.
 */
class DisappearingMessagesTest {
    private static final TestClock CLOCK = TestClock.at("2026-06-01T10:00:00Z");
    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.startWithoutAutoLink(
            UnaryOperator.identity(), CLOCK));
    private static final CheckedCalls calls = new CheckedCalls(server::api);
    static final String ADA = "15556640001";
    static final String BO = "15556640002";
    static final String CY = "15556640003";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "ada", ADA);
        Sessions.linked(server.api(), "bo", BO);
        Sessions.linked(server.api(), "cy", CY);
    }

    private static List<String> texts(String session, String chatId) {
        var texts = new ArrayList<String>();
        calls.expect(200, "GET", "/v1/messages?session=" + session + "&chatId=" + chatId + "&limit=100", null)
                .forEach(m -> texts.add(m.path("body").asText()));
        return texts;
    }

    private static JsonNode send(String session, String chatId, String text) {
        return calls.expect(201, "POST", "/v1/sendText", Map.of("session", session, "chatId", chatId, "text", text));
    }

    private static void timer(String session, String chatId, int seconds) {
        calls.expect(200, "PUT", "/v1/sessions/{session}/chats/{chatId}/disappearing", Map.of("duration", seconds),
                session, chatId);
    }

    @Test
    void messagesSentWhileTheTimerIsOnRunOutOnBothSides() {
        String ada = ADA + "@c.us";
        String bo = BO + "@c.us";
        send("ada", bo, "kept");
        timer("ada", bo, 86400);
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.expect(200, "GET", "/v1/sessions/{session}/chats",
                null, "bo").findValues("disappearing").stream().anyMatch(d -> d.asInt() == 86400));
        send("ada", bo, "vanishing");
        send("bo", ada, "vanishing reply");
        await().atMost(Duration.ofSeconds(20)).until(() -> texts("bo", ada).containsAll(List.of("kept", "vanishing"))
                && texts("ada", bo).contains("vanishing reply"));

        CLOCK.advance(Duration.ofHours(23));
        assertThat(texts("ada", bo)).contains("vanishing", "vanishing reply", "kept");
        CLOCK.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(texts("ada", bo)).containsExactly("kept");
        assertThat(texts("bo", ada)).containsExactly("kept");
        // The chat's newest message is the one that is left.
        var chats = calls.expect(200, "GET", "/v1/sessions/{session}/chats", null, "bo");
        for (JsonNode chat : chats) {
            if (chat.path("id").asText().equals(ada)) {
                assertThat(chat.path("lastMessage").path("body").asText()).isEqualTo("kept");
            }
        }

        // Off again: what is sent then stays.
        timer("bo", ada, 0);
        send("ada", bo, "after");
        await().atMost(Duration.ofSeconds(20)).until(() -> texts("bo", ada).contains("after"));
        CLOCK.advance(Duration.ofDays(100));
        assertThat(texts("bo", ada)).containsExactly("after", "kept");
    }

    @Test
    void aGroupsTimerRunsOutEveryMembersCopy() {
        String group = calls.expect(201, "POST", "/v1/sessions/{session}/groups", Map.of("name", "Vanishing",
                "participants", List.of(Map.of("id", CY))), "ada").path("id").asText();
        timer("cy", group, 604800);
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.expect(200, "GET", "/v1/sessions/{session}/chats",
                null, "ada").findValues("disappearing").stream().anyMatch(d -> d.asInt() == 604800));
        send("ada", group, "for a week");
        await().atMost(Duration.ofSeconds(20)).until(() -> texts("cy", group).contains("for a week"));
        CLOCK.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(texts("cy", group)).doesNotContain("for a week");
        assertThat(texts("ada", group)).doesNotContain("for a week");
    }
}

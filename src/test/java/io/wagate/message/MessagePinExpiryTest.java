package io.wagate.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.support.CheckedCalls;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestClock;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A pinned message shows its pin and until when, on both sides, and reads as no longer pinned once it ran out. */
class MessagePinExpiryTest {
    private static final TestClock CLOCK = TestClock.at("2026-06-01T10:00:00Z");
    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.startWithoutAutoLink(
            UnaryOperator.identity(), CLOCK));
    private static final CheckedCalls calls = new CheckedCalls(server::api);
    static final String RIA = "15556650001";
    static final String ROB = "15556650002";
    static final String PIN = "/v1/sessions/{session}/chats/{chatId}/messages/{messageId}/";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "ria", RIA);
        Sessions.linked(server.api(), "rob", ROB);
    }

    /** The session's stored copy of the message whose id ends in {@code waId}, or null. */
    private static JsonNode stored(String session, String chatId, String waId) {
        for (JsonNode m : calls.expect(200, "GET", "/v1/messages?session=" + session + "&chatId=" + chatId, null)) {
            if (m.path("id").asText().endsWith("_" + waId)) {
                return m;
            }
        }
        return null;
    }

    @Test
    void aPinShowsUntilWhenAndRunsOut() {
        String id = calls.expect(201, "POST", "/v1/sendText", Map.of("session", "ria", "chatId", ROB, "text", "pin me"))
                .path("id").asText();
        String waId = id.substring(id.lastIndexOf('_') + 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> stored("rob", RIA + "@c.us", waId) != null);
        assertThat(stored("ria", ROB + "@c.us", waId).has("pin")).isFalse();

        long pinnedAt = CLOCK.instant().getEpochSecond();
        calls.expect(200, "POST", PIN + "pin", Map.of("duration", 86400), "ria", ROB, id);
        await().atMost(Duration.ofSeconds(20)).until(() -> stored("rob", RIA + "@c.us", waId).has("pin")
                && stored("ria", ROB + "@c.us", waId).has("pin"));
        for (var copy : new JsonNode[] {stored("ria", ROB + "@c.us", waId), stored("rob", RIA + "@c.us", waId)}) {
            assertThat(copy.path("pin").path("pinned").asBoolean()).isTrue();
            assertThat(copy.path("pin").path("until").asLong()).isBetween(pinnedAt + 86400, pinnedAt + 86401);
            assertThat(copy.path("pin").path("by").asText()).isEqualTo(RIA + "@c.us");
        }

        CLOCK.advance(Duration.ofDays(1).plusSeconds(2));
        for (var copy : new JsonNode[] {stored("ria", ROB + "@c.us", waId), stored("rob", RIA + "@c.us", waId)}) {
            assertThat(copy.path("pin").path("pinned").asBoolean()).isFalse();
            assertThat(copy.path("pin").path("until").asLong()).isBetween(pinnedAt + 86400, pinnedAt + 86401);
        }

        // Pinned again, then unpinned by the other side: the pin is gone on both.
        calls.expect(200, "POST", PIN + "pin", Map.of("duration", 604800), "ria", ROB, id);
        await().atMost(Duration.ofSeconds(20)).until(() -> stored("rob", RIA + "@c.us", waId).path("pin")
                .path("pinned").asBoolean());
        calls.expect(200, "POST", PIN + "unpin", null, "rob", RIA, "false_" + RIA + "@c.us_" + waId);
        await().atMost(Duration.ofSeconds(20)).until(() -> !stored("ria", ROB + "@c.us", waId).has("pin")
                && !stored("rob", RIA + "@c.us", waId).has("pin"));
    }
}

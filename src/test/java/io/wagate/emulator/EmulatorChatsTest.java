package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat list on the Baileys engine from the phone's history sync (Baileys' own processing of the notice
 * the emulated phone sends on linking) and from live traffic, with reads; and the chat marks Baileys cannot
 * make without the account's app-state keys.
 */
class EmulatorChatsTest {
    static final String A = "15550303001";
    static final String B = "15550303002";
    static final String FRIEND = "15550303009";

    @RegisterExtension
    static final EmulatorWagate emu = new EmulatorWagate();

    @BeforeAll
    static void linkAll() {
        // A's phone has chats from before wagate: a friend's with unread messages, pinned and muted for good,
        // and an archived one marked unread.
        LinkedSessions.linkByQr(emu.api(), emu.control(), "ca", Map.of("number", A, "chats", List.of(
                Map.of("id", FRIEND + "@s.whatsapp.net", "name", "Friend", "unreadCount", 4, "pinned", 1765000000,
                        "muteEndTime", -1, "conversationTimestamp", 1765000100),
                Map.of("id", "15550303008@s.whatsapp.net", "name", "Old", "archived", true, "markedAsUnread", true,
                        "conversationTimestamp", 1765000000))), null);
        LinkedSessions.linkByQr(emu.api(), emu.control(), "cb", B, null);
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(60), emu.server(), "ca", "cb");
    }

    private static JsonNode chat(String session, String chatId) {
        var chats = emu.api().get("/v1/sessions/" + session + "/chats?limit=1000");
        assertThat(chats.status()).as(chats.toString()).isEqualTo(200);
        for (var chat : chats.json()) {
            if (chat.path("id").asText().equals(chatId)) {
                return chat;
            }
        }
        return null;
    }

    @Test
    void theHistorySyncsChatsAreListedWithTheirNamesMarksAndUnreadCounts() {
        await().atMost(Duration.ofSeconds(30)).until(() -> chat("ca", FRIEND + "@c.us") != null);
        var friend = chat("ca", FRIEND + "@c.us");
        assertThat(friend.path("name").asText()).isEqualTo("Friend");
        assertThat(friend.path("unreadCount").asInt()).isEqualTo(4);
        assertThat(friend.path("pinned").asBoolean()).isTrue();
        assertThat(friend.path("mutedUntil").asLong()).isEqualTo(-1);
        assertThat(friend.path("conversationTimestamp").asLong()).isEqualTo(1765000100);
        assertThat(friend.path("lastMessage").isNull()).isTrue();
        var old = chat("ca", "15550303008@c.us");
        assertThat(old.path("archived").asBoolean()).isTrue();
        assertThat(old.path("markedUnread").asBoolean()).isTrue();
        // pinned first
        var all = emu.api().get("/v1/sessions/ca/chats").json();
        assertThat(all.get(0).path("id").asText()).isEqualTo(FRIEND + "@c.us");
    }

    @Test
    void liveMessagesCountAsUnreadUntilRead() {
        var sent = emu.api().post("/v1/sendText", Map.of("session", "cb", "chatId", A, "text", "unread?"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> chat("ca", B + "@c.us") != null
                && chat("ca", B + "@c.us").path("unreadCount").asInt() == 1);
        assertThat(chat("ca", B + "@c.us").path("lastMessage").path("body").asText()).isEqualTo("unread?");
        assertThat(chat("cb", A + "@c.us").path("unreadCount").asInt()).isZero();
        var seen = emu.api().post("/v1/sendSeen", Map.of("session", "ca", "chatId", B));
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> chat("ca", B + "@c.us").path("unreadCount").asInt() == 0);
    }

    @Test
    void aDisappearingTimerReachesTheOtherPersonsChat() {
        var on = emu.api().put("/v1/sessions/cb/chats/" + A + "/disappearing", Map.of("duration", 86400));
        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> chat("ca", B + "@c.us") != null
                && chat("ca", B + "@c.us").path("disappearing").asInt() == 86400);
        // Baileys reports the session's own protocol message back too
        await().atMost(Duration.ofSeconds(30)).until(() -> chat("cb", A + "@c.us") != null
                && chat("cb", A + "@c.us").path("disappearing").asInt() == 86400);
        var off = emu.api().put("/v1/sessions/ca/chats/" + B + "/disappearing", Map.of("duration", 0));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> chat("cb", A + "@c.us").path("disappearing").asInt() == 0);
    }

    @Test
    void marksNeedTheAppStateKeysThePhoneShares() {
        // The emulated phone shares no app-state keys: Baileys refuses before anything is sent, a state to
        // wait out (a real phone shares them shortly after linking).
        for (String action : List.of("pin", "unpin", "mute", "unmute", "unread", "archive", "unarchive")) {
            var refused = emu.api().post("/v1/sessions/ca/chats/" + B + "/" + action, null);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.json().path("message").asText()).contains("app-state keys");
        }
        var deleted = emu.api().delete("/v1/sessions/ca/chats/" + B);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(409);
        assertThat(chat("ca", FRIEND + "@c.us").path("pinned").asBoolean()).isTrue();
    }
}

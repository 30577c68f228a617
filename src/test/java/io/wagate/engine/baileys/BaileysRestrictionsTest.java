package io.wagate.engine.baileys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.http.Json;
import io.wagate.support.Api;
import io.wagate.support.Receiver;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WhatsApp's restriction signals, read by Baileys' real socket from the mex notifications WhatsApp sends (fed
 * through the scripted socket, see scripted-socket.js), on the session object and in webhook envelopes; while
 * the reach-out timelock holds, a send that would start a chat is a 409 at once.
 */
class BaileysRestrictionsTest {
    private static final String CONTROL = "1999000000";

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.start(c -> c.withBaileys(
            BaileysScriptedTest.scripted())));

    private static Api api() {
        return server.api();
    }

    private static Api.Response sendText(String chatId, String text) {
        return api().post("/v1/sendText", Map.of("session", "limited", "chatId", chatId, "text", text));
    }

    private static void mex(String opName, Map<String, Object> data) {
        try {
            var sent = sendText(CONTROL, Json.mapper().writeValueAsString(Map.of("mex", Map.of("opName", opName, "data", data))));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode restrictions(java.util.function.Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/v1/sessions/limited").json().path("me").path("restrictions"), until);
    }

    @Test
    void aTimelockShowsOnTheSessionAndInEnvelopesAndRefusesNewChatsUntilItIsLifted() {
        try (var receiver = Receiver.start()) {
            var created = api().post("/v1/sessions", Map.of("name", "limited", "engine", "baileys", "config",
                    Map.of("webhooks", List.of(Map.of("url", receiver.url("/hook"), "events", List.of("message.any"))))));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            Sessions.awaitStatus(api(), "limited", "WORKING");
            assertThat(api().get("/v1/sessions/limited").json().path("me").has("restrictions")).isFalse();
            assertThat(sendText("15550001111@c.us", "before").status()).isEqualTo(201);

            long ends = Instant.now().plus(Duration.ofHours(2)).getEpochSecond();
            mex("NotificationUserReachoutTimelockUpdate", Map.of("xwa2_notify_account_reachout_timelock",
                    Map.of("is_active", true, "time_enforcement_ends", String.valueOf(ends), "enforcement_type", "BIZ_QUALITY")));
            var lock = restrictions(r -> r.path("reachoutTimelock").path("active").asBoolean()).path("reachoutTimelock");
            assertThat(Instant.parse(lock.path("until").asText())).isEqualTo(Instant.ofEpochSecond(ends));
            assertThat(lock.path("enforcementType").asText()).isEqualTo("BIZ_QUALITY");

            var refused = sendText("15550002222@c.us", "a new chat");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.json().toString()).contains("until " + Instant.ofEpochSecond(ends), "15550002222@c.us");
            // A chat the session has messages in is no new chat: it goes, and its envelope names the restriction.
            var known = sendText("15550001111@c.us", "still here");
            assertThat(known.status()).as(known.toString()).isEqualTo(201);
            var envelope = receiver.awaitRequest("the envelope of the send", r -> r.json().path("payload").path("body")
                    .asText().equals("still here")).json();
            assertThat(envelope.path("me").path("restrictions").path("reachoutTimelock").path("active").asBoolean()).isTrue();

            mex("MessageCappingInfoNotification", Map.of("xwa2_notify_new_chat_messages_capping_info_update",
                    Map.of("total_quota", 100, "used_quota", 42, "capping_status", "FIRST_WARNING")));
            var both = restrictions(r -> r.has("newChatCap"));
            assertThat(both.path("newChatCap").path("used").asInt()).isEqualTo(42);
            assertThat(both.path("newChatCap").path("total").asInt()).isEqualTo(100);
            assertThat(both.path("newChatCap").path("status").asText()).isEqualTo("FIRST_WARNING");
            assertThat(both.path("reachoutTimelock").path("active").asBoolean()).as("kept").isTrue();

            mex("NotificationUserReachoutTimelockUpdate", Map.of("xwa2_notify_account_reachout_timelock",
                    Map.of("is_active", false)));
            restrictions(r -> r.path("reachoutTimelock").has("active") && !r.path("reachoutTimelock").path("active").asBoolean());
            assertThat(sendText("15550002222@c.us", "a new chat at last").status()).isEqualTo(201);
        }
    }
}

package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WhatsApp's restriction signals end to end: a reach-out timelock and new-chat cap set on the phone before its
 * session was linked are asked for at connect (Baileys' fetchAccountReachoutTimelock and fetchNewChatMessageCap,
 * answered by the emulator's w:mex), shown on the session, and refuse sends that would open a new chat with a
 * 409 until lifted (the emulator's notification); chats with messages still go, through the emulator too, which
 * refuses a timelocked new chat with 463 as WhatsApp does.
 */
class EmulatorRestrictionsTest {
    static final String A = "15550303001";
    static final String B = "15550303002";
    static final String C = "15550303003";
    static final Webhooks webhooks = new Webhooks();

    @RegisterExtension
    static final EmulatorWagate emu = new EmulatorWagate();

    static Instant lockedUntil;

    @BeforeAll
    static void linkAll() {
        assertThat(emu.control().post("/phones", Map.of("number", A)).status()).isEqualTo(201);
        var locked = emu.control().post("/phones/" + A + "/timelock", Map.of("seconds", 3600, "enforcementType", "BIZ_QUALITY"));
        assertThat(locked.status()).as(String.valueOf(locked.json())).isEqualTo(200);
        lockedUntil = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 3600);
        assertThat(emu.control().post("/phones/" + A + "/new-chat-cap", Map.of("used", 4, "total", 10,
                "status", "FIRST_WARNING", "cycleEndsInSeconds", 86400)).status()).isEqualTo(200);
        LinkedSessions.linkPhone(emu.api(), emu.control(), "ra", A, webhooks.config());
        LinkedSessions.linkByQr(emu.api(), emu.control(), "rb", B, webhooks.config());
        LinkedSessions.linkByQr(emu.api(), emu.control(), "rc", C, webhooks.config());
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(60), emu.server(), "ra", "rb", "rc");
    }

    @AfterAll
    static void stop() {
        webhooks.close();
    }

    private static JsonNode restrictions(Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> emu.api().get("/v1/sessions/ra").json().path("me").path("restrictions"), until);
    }

    private static io.wagate.support.Api.Response send(String session, String to, String text) {
        return emu.api().post("/v1/sendText", Map.of("session", session, "chatId", to + "@c.us", "text", text));
    }

    @Test
    void restrictionsSetBeforeLinkingAreAskedAtConnectAndRefuseNewChatsUntilLifted() {
        var lock = restrictions(r -> r.path("reachoutTimelock").path("active").asBoolean()
                && r.has("newChatCap")).path("reachoutTimelock");
        assertThat(Duration.between(lockedUntil, Instant.parse(lock.path("until").asText())).abs())
                .isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(lock.path("enforcementType").asText()).isEqualTo("BIZ_QUALITY");
        var cap = emu.api().get("/v1/sessions/ra").json().path("me").path("restrictions").path("newChatCap");
        assertThat(cap.path("used").asInt()).isEqualTo(4);
        assertThat(cap.path("total").asInt()).isEqualTo(10);
        assertThat(cap.path("status").asText()).isEqualTo("FIRST_WARNING");

        // A new chat: refused at once, saying until when; the emulator never saw it.
        var refused = send("ra", C, "a new chat");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).contains("reach-out timelock", "BIZ_QUALITY",
                "until " + Instant.parse(lock.path("until").asText()), C + "@c.us");

        // B writes first: a chat with messages, which the timelocked account may answer (WhatsApp lets it too).
        assertThat(send("rb", A, "hello ra").status()).isEqualTo(201);
        webhooks.await("ra", "message", p -> p.path("body").asText().equals("hello ra"));
        var answer = send("ra", B, "hello rb");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        webhooks.await("rb", "message", p -> p.path("body").asText().equals("hello rb"));
        webhooks.await("ra", "message.ack", p -> p.path("id").asText().equals(answer.json().path("id").asText())
                && p.path("ackName").asText().equals("DEVICE"));

        // WhatsApp reports the cap used up: a new chat is still refused once the timelock lifts.
        emu.control().post("/phones/" + A + "/new-chat-cap", Map.of("used", 10, "total", 10, "status", "CAPPED",
                "cycleEndsInSeconds", 7200));
        emu.control().post("/phones/" + A + "/timelock", Map.of("seconds", 0));
        restrictions(r -> !r.path("reachoutTimelock").path("active").asBoolean(true)
                && r.path("newChatCap").path("status").asText().equals("CAPPED"));
        var capped = send("ra", C, "a new chat");
        assertThat(capped.status()).as(capped.toString()).isEqualTo(409);
        assertThat(capped.json().path("message").asText()).contains("new-chat cap (10 of 10)", "until ");

        emu.control().post("/phones/" + A + "/new-chat-cap", Map.of("used", 0, "total", 10, "status", "NONE"));
        restrictions(r -> r.path("newChatCap").path("status").asText().equals("NONE"));
        var sent = send("ra", C, "a new chat at last");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        webhooks.await("rc", "message", p -> p.path("body").asText().equals("a new chat at last"));
    }

    @Test
    void aTimelockWagateWasNotToldOfFailsTheSendWith463AndBaileysThenAsksForIt() {
        // Set without a notification: wagate sends, WhatsApp (the emulator) refuses the new chat with 463, and
        // Baileys asks for the timelock itself on that error (messages-recv.js), so the next new chat is a 409.
        String target = "15550303009";
        assertThat(emu.control().post("/phones", Map.of("number", target)).status()).isEqualTo(201);
        var c = emu.control().post("/phones/" + C + "/timelock", Map.of("seconds", 600, "notify", false));
        assertThat(c.json().path("timelocked").asBoolean()).isTrue();
        try {
            var sent = send("rc", target, "to a stranger");
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            var failed = webhooks.await("rc", "message.ack", p -> p.path("id").asText().equals(sent.json().path("id").asText())
                    && p.path("ack").asInt() == -1);
            assertThat(failed.path("error").path("code").asInt()).isEqualTo(463);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> emu.api()
                    .get("/v1/sessions/rc").json().path("me").path("restrictions").path("reachoutTimelock").path("active").asBoolean());
            var refused = send("rc", "15550303008", "another stranger");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        } finally {
            emu.control().post("/phones/" + C + "/timelock", Map.of("seconds", 0));
        }
    }

    @Test
    void theControlCallsCheckTheirInput() {
        var missing = emu.control().post("/phones/" + A + "/timelock", Map.of("enforcementType", "DEFAULT"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("message").asText()).contains("seconds");
        var negative = emu.control().post("/phones/" + A + "/new-chat-cap", Map.of("used", -1, "total", 10));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(emu.control().post("/phones/15550303999/timelock", Map.of("seconds", 1)).status()).isEqualTo(404);
    }
}

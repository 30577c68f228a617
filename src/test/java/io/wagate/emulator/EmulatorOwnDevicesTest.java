package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two companions of one phone: what one sends reaches the other as its own message (Baileys' copy for the
 * sender's other devices, a deviceSentMessage naming the chat), shown with {@code fromMe} true in that chat.
 */
class EmulatorOwnDevicesTest {
    static final String A = "15550009301";
    static final String B = "15550009302";

    static final Webhooks webhooks = new Webhooks();

    @RegisterExtension
    static final EmulatorWagate emu = new EmulatorWagate();

    @BeforeAll
    static void linkAll() {
        emu.linkByQr("oa1", A, webhooks.config());
        // A second companion of the same phone: the phone scans another QR code.
        var created = emu.api().post("/v1/sessions", Map.of("name", "oa2", "engine", "baileys", "config", webhooks.config()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String qr = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> emu.api().get("/v1/oa2/auth/qr?format=raw"), r -> r.status() == 200).json().path("value").asText();
        assertThat(emu.control().post("/phones/" + A + "/scan", Map.of("qr", qr)).status()).isEqualTo(200);
        emu.awaitStatus("oa2", "WORKING");
        emu.linkByQr("ob", B, webhooks.config());
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(60), emu.server(), "oa1", "oa2", "ob");
    }

    @AfterAll
    static void stop() {
        webhooks.close();
    }

    @Test
    void aTextOneCompanionSendsShowsAtTheOtherAsItsOwnInTheRecipientsChat() {
        assertThat(emu.control().get("/phones/" + A).json().path("devices")).hasSize(2);
        var sent = emu.api().post("/v1/sendText", Map.of("session", "oa1", "chatId", B + "@c.us", "text", "from my other device"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String id = sent.json().path("id").asText();

        webhooks.await("ob", "message", p -> p.path("body").asText().equals("from my other device"), Duration.ofSeconds(30));
        // Not a `message` (that is for messages received): the session's own message, as `message.any`.
        var copy = webhooks.await("oa2", "message.any", p -> p.path("body").asText().equals("from my other device"),
                Duration.ofSeconds(30));
        assertThat(copy.path("fromMe").asBoolean()).as(copy.toString()).isTrue();
        assertThat(copy.path("from").asText()).isEqualTo(A + "@c.us");
        assertThat(copy.path("to").asText()).isEqualTo(B + "@c.us");
        assertThat(copy.path("id").asText()).isEqualTo(id);
        assertThat(copy.path("source").asText()).isEqualToIgnoringCase("app");
        String lidOfB = emu.control().get("/phones/" + B).json().path("lid").asText();
        assertThat(copy.path("toLid").asText()).isEqualTo(lidOfB + "@lid");
        assertThat(webhooks.event("oa2", "message", p -> p.path("body").asText().equals("from my other device"))).isEmpty();
    }
}

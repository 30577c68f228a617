package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Statuses between two Baileys sessions through the emulator: Baileys' own status send (sender key to every
 * device of its statusJidList), delivered from status@broadcast, decrypted by the recipient's Baileys because it
 * opted in, and revoked again.
 */
class EmulatorStatusTest {
    static final String A = "15550009401";
    static final String B = "15550009402";

    static final Webhooks webhooks = new Webhooks();

    @RegisterExtension
    static final EmulatorWagate emu = new EmulatorWagate();

    @BeforeAll
    static void linkBoth() {
        emu.linkByQr("sta", A, webhooks.config());
        var optedIn = new HashMap<>(webhooks.config());
        optedIn.put("statuses", true);
        emu.linkByQr("stb", B, optedIn);
        LinkedSessions.awaitFirstSync(Duration.ofSeconds(60), emu.server(), "sta", "stb");
    }

    @AfterAll
    static void stop() {
        webhooks.close();
    }

    @Test
    void aStatusReachesTheOptedInRecipientFromStatusBroadcastAndItsDeletionFollows() {
        var posted = emu.api().post("/v1/sessions/sta/status/text", Map.of("text", "through the emulator",
                "backgroundColor", "#336699", "contacts", List.of(B)));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        String id = posted.json().path("id").asText();
        String waId = id.substring(id.lastIndexOf('_') + 1);

        var received = webhooks.await("stb", "status.received", p -> p.path("body").asText().equals("through the emulator"),
                Duration.ofSeconds(30));
        assertThat(received.path("id").asText()).startsWith("false_status@broadcast_" + waId + "_");
        assertThat(received.path("from").asText()).isEqualTo("status@broadcast");
        assertThat(received.path("participant").asText()).isEqualTo(A + "@c.us");
        var listed = Awaitility.await().atMost(Duration.ofSeconds(15)).until(
                () -> emu.api().get("/v1/sessions/stb/status").json(), l -> l.size() == 1);
        assertThat(listed.get(0).path("from").asText()).isEqualTo(A + "@c.us");

        var deleted = emu.api().delete("/v1/sessions/sta/status/" + waId);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        webhooks.await("stb", "message.revoked", p -> p.toString().contains(waId), Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(
                () -> emu.api().get("/v1/sessions/stb/status").json(), l -> l.isEmpty());
    }
}

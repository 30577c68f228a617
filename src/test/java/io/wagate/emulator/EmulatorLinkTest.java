package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.RunningServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real Baileys sessions (through the real bridge) link to the emulator by QR code and by pairing code. */
class EmulatorLinkTest {
    static final Emulator emulator = Emulator.start(0);
    static final ControlClient control = new ControlClient(emulator.controlUrl());

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> LinkedSessions.wagate(emulator));

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void theQrStringScannedByThePhoneLinksTheSessionWhichSurvivesARestart() {
        var working = LinkedSessions.linkByQr(server.api(), control, "emuqr", "15550002222", null);
        assertThat(working.path("me").path("id").asText()).isEqualTo("15550002222@c.us");

        long connectionsBefore = control.get("/stats").json().path("connections").asLong();
        server.get().restart();
        awaitWorking("emuqr");
        // Logged in again with the stored credentials: still one linked device, and a new connection made.
        assertThat(control.get("/phones/15550002222").json().path("devices")).hasSize(1);
        assertThat(control.get("/stats").json().path("connections").asLong()).isGreaterThan(connectionsBefore);
    }

    @Test
    void aPairingCodeTypedOnThePhoneLinksTheSession() {
        assertThat(control.post("/phones", Map.of("number", "15550003333")).status()).isEqualTo(201);
        assertThat(server.api().post("/v1/sessions", Map.of("name", "emucode", "engine", "baileys")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> server.api().get("/v1/sessions/emucode").json().path("status").asText().equals("SCAN_QR_CODE"));
        var code = server.api().post("/v1/emucode/auth/pairing-code", Map.of("phoneNumber", "15550003333"));
        assertThat(code.status()).as(code.toString()).isEqualTo(200);

        // Nothing typed yet on another phone: that one has no companion waiting.
        assertThat(control.post("/phones", Map.of("number", "15550004444")).status()).isEqualTo(201);
        assertThat(control.post("/phones/15550004444/pairing-code", Map.of("code", "AAAAAAAA")).status()).isEqualTo(409);

        var typed = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> control.post("/phones/15550003333/pairing-code",
                        Map.of("code", code.json().path("code").asText())), r -> r.status() == 200);
        assertThat(typed.json().path("stage").asText()).isEqualTo("primary_hello");
        var working = awaitWorking("emucode");
        assertThat(working.path("me").path("id").asText()).isEqualTo("15550003333@c.us");
        assertThat(control.get("/phones/15550003333").json().path("devices")).hasSize(1);
    }

    private static com.fasterxml.jackson.databind.JsonNode awaitWorking(String name) {
        return LinkedSessions.awaitStatus(server.api(), name, "WORKING");
    }
}

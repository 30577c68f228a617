package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real Baileys sessions (through the real bridge) link to the emulator by QR code and by pairing code. */
class EmulatorLinkTest {
    @RegisterExtension
    static final EmulatorWagate emu = new EmulatorWagate();

    @Test
    void theQrStringScannedByThePhoneLinksTheSessionWhichSurvivesARestart() {
        var working = emu.linkByQr("emuqr", "15550002222", null);
        assertThat(working.path("me").path("id").asText()).isEqualTo("15550002222@c.us");

        long connectionsBefore = emu.control().get("/stats").json().path("connections").asLong();
        emu.server().restart();
        awaitWorking("emuqr");
        // Logged in again with the stored credentials: still one linked device, and a new connection made.
        assertThat(emu.control().get("/phones/15550002222").json().path("devices")).hasSize(1);
        assertThat(emu.control().get("/stats").json().path("connections").asLong()).isGreaterThan(connectionsBefore);
    }

    @Test
    void aPairingCodeTypedOnThePhoneLinksTheSession() {
        assertThat(emu.control().post("/phones", Map.of("number", "15550003333")).status()).isEqualTo(201);
        assertThat(emu.api().post("/v1/sessions", Map.of("name", "emucode", "engine", "baileys")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> emu.api().get("/v1/sessions/emucode").json().path("status").asText().equals("SCAN_QR_CODE"));
        var code = emu.api().post("/v1/emucode/auth/pairing-code", Map.of("phoneNumber", "15550003333"));
        assertThat(code.status()).as(code.toString()).isEqualTo(200);

        // Nothing typed yet on another phone: that one has no companion waiting.
        assertThat(emu.control().post("/phones", Map.of("number", "15550004444")).status()).isEqualTo(201);
        assertThat(emu.control().post("/phones/15550004444/pairing-code", Map.of("code", "AAAAAAAA")).status()).isEqualTo(409);

        var typed = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> emu.control().post("/phones/15550003333/pairing-code",
                        Map.of("code", code.json().path("code").asText())), r -> r.status() == 200);
        assertThat(typed.json().path("stage").asText()).isEqualTo("primary_hello");
        var working = awaitWorking("emucode");
        assertThat(working.path("me").path("id").asText()).isEqualTo("15550003333@c.us");
        assertThat(emu.control().get("/phones/15550003333").json().path("devices")).hasSize(1);
    }

    @Test
    void aPairingCodeWhoseConnectionDroppedIsGoneAndANewCodeLinks() {
        String number = "15550003334";
        assertThat(emu.control().post("/phones", Map.of("number", number)).status()).isEqualTo(201);
        assertThat(emu.api().post("/v1/sessions", Map.of("name", "emudrop", "engine", "baileys")).status()).isEqualTo(201);
        String first = requestCode("emudrop", number);
        // The connection that asked for the code drops before anyone types it.
        long connections = emu.connections();
        var dropped = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> emu.control().post("/faults", Map.of("type", "drop", "number", number)),
                        r -> r.json().path("connections").asInt() == 1);
        assertThat(dropped.status()).isEqualTo(201);
        assertThat(emu.control().post("/phones/" + number + "/pairing-code", Map.of("code", first)).status())
                .as("the dropped connection's code").isEqualTo(409);

        // The bridge forgot the unfinished pairing: it connects again, shows a QR code, and a new code links it.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> emu.connections() > connections);
        String second = requestCode("emudrop", number);
        assertThat(second).isNotEqualTo(first);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> emu.control().post("/phones/" + number + "/pairing-code", Map.of("code", second)),
                        r -> r.status() == 200);
        assertThat(awaitWorking("emudrop").path("me").path("id").asText()).isEqualTo(number + "@c.us");
        assertThat(emu.control().get("/phones/" + number).json().path("devices")).hasSize(1);
    }

    /** Waits for the session's QR code and asks for a pairing code for {@code number}. */
    private static String requestCode(String session, String number) {
        var code = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> emu.api().post("/v1/" + session + "/auth/pairing-code", Map.of("phoneNumber", number)),
                        r -> r.status() == 200);
        return code.json().path("code").asText();
    }

    private static com.fasterxml.jackson.databind.JsonNode awaitWorking(String name) {
        return emu.awaitStatus(name, "WORKING");
    }
}

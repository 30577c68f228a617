package io.wagate.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.config.Config;
import io.wagate.support.Api;
import io.wagate.support.Sessions;
import io.wagate.support.RunningServer;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Linking on a sandbox that waits for a pairing code: QR rotation and timeout, pairing, logout. */
class LinkingTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);

    @Test
    void pairingCodeByPostLinksToThatNumberAtOnce() {
        Sessions.create(server.api(), "paired");
        Sessions.awaitStatus(server.api(), "paired", "SCAN_QR_CODE");

        var code = server.api().post("/v1/paired/auth/pairing-code", Map.of("phoneNumber", "+49 151-2345 6789"));
        assertThat(code.status()).as(code.toString()).isEqualTo(200);
        assertThat(code.json().path("code").asText()).matches("[A-Z0-9]{4}-[A-Z0-9]{4}");

        var session = server.api().get("/v1/sessions/paired").json();
        assertThat(session.path("status").asText()).isEqualTo("WORKING");
        assertThat(session.path("me").path("id").asText()).isEqualTo("4915123456789@c.us");
    }

    @Test
    void pairingCodeByGetQueryWorksToo() {
        Sessions.create(server.api(), "paired-get");
        Sessions.awaitStatus(server.api(), "paired-get", "SCAN_QR_CODE");
        var code = server.api().get("/v1/paired-get/auth/pairing-code?phoneNumber=15551230000");
        assertThat(code.status()).as(code.toString()).isEqualTo(200);
        assertThat(server.api().get("/v1/sessions/paired-get").json().path("me").path("id").asText())
                .isEqualTo("15551230000@c.us");
    }

    @Test
    void malformedPhoneNumbersAreRefused() {
        Sessions.create(server.api(), "badphone");
        Sessions.awaitStatus(server.api(), "badphone", "SCAN_QR_CODE");
        for (String phone : new String[] {"12", "abc1234567", "1234567890123456", ""}) {
            var response = server.api().post("/v1/badphone/auth/pairing-code", Map.of("phoneNumber", phone));
            assertThat(response.status()).as(phone).isEqualTo(400);
            assertThat(response.json().path("message").asText()).contains("phoneNumber");
        }
        assertThat(server.api().get("/v1/badphone/auth/pairing-code").status()).isEqualTo(400);
        assertThat(server.api().post("/v1/badphone/auth/pairing-code", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void aPairingCodeForALinkedSessionIsAConflict() {
        Sessions.create(server.api(), "already");
        Sessions.awaitStatus(server.api(), "already", "SCAN_QR_CODE");
        server.api().post("/v1/already/auth/pairing-code", Map.of("phoneNumber", "15557770001"));
        var again = server.api().post("/v1/already/auth/pairing-code", Map.of("phoneNumber", "15557770001"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("message").asText()).contains("WORKING");
    }

    @Test
    void logoutUnlinksAndOffersANewQr() {
        Sessions.create(server.api(), "logout");
        Sessions.awaitStatus(server.api(), "logout", "SCAN_QR_CODE");
        server.api().post("/v1/logout/auth/pairing-code", Map.of("phoneNumber", "15557770002"));
        assertThat(server.api().get("/v1/sessions/logout").json().path("status").asText()).isEqualTo("WORKING");

        var out = server.api().post("/v1/sessions/logout", Map.of("name", "logout"));
        assertThat(out.status()).isEqualTo(200);
        var waiting = Sessions.awaitStatus(server.api(), "logout", "SCAN_QR_CODE");
        assertThat(waiting.path("me").isNull()).isTrue();
        assertThat(server.api().get("/v1/logout/auth/qr?format=raw").json().path("value").asText()).startsWith("2@");

        // by path too
        server.api().post("/v1/logout/auth/pairing-code", Map.of("phoneNumber", "15557770003"));
        assertThat(server.api().post("/v1/sessions/logout/logout", null).status()).isEqualTo(200);
        Sessions.awaitStatus(server.api(), "logout", "SCAN_QR_CODE");
    }

    @Test
    void aNumberLinkedToOneSessionCannotBePairedToAnother() {
        Sessions.create(server.api(), "owner");
        Sessions.create(server.api(), "intruder");
        Sessions.awaitStatus(server.api(), "owner", "SCAN_QR_CODE");
        Sessions.awaitStatus(server.api(), "intruder", "SCAN_QR_CODE");
        assertThat(server.api().post("/v1/owner/auth/pairing-code", Map.of("phoneNumber", "15557770009")).status()).isEqualTo(200);
        var stolen = server.api().post("/v1/intruder/auth/pairing-code", Map.of("phoneNumber", "15557770009"));
        assertThat(stolen.status()).isEqualTo(409);
    }

    @Test
    void anUnscannedQrRotatesAndThenFails() {
        try (var quick = TestServer.start(c -> c.withSandbox(
                new Config.SandboxConfig(Duration.ofMillis(-1), Duration.ofMillis(150), 3)))) {
            var quickApi = quick.api();
            Sessions.create(quickApi, "patient");
            Sessions.awaitStatus(quickApi, "patient", "SCAN_QR_CODE");
            String first = quickApi.get("/v1/patient/auth/qr?format=raw").json().path("value").asText();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                var qr = quickApi.get("/v1/patient/auth/qr?format=raw");
                return qr.status() != 200 || !qr.json().path("value").asText().equals(first);
            });
            var failed = Sessions.awaitStatus(quickApi, "patient", "FAILED");
            assertThat(failed.path("failure").path("reason").asText()).isEqualTo("QR code not scanned in time");
            assertThat(failed.path("failure").path("at").asText()).isNotBlank();
            assertThat(quickApi.get("/v1/patient/auth/qr").status()).isEqualTo(409);

            // a failed session does not come back by itself after a restart, but can be started again
            quick.restart();
            var afterRestart = quick.api();
            assertThat(afterRestart.get("/v1/sessions/patient").json().path("status").asText()).isEqualTo("FAILED");
            assertThat(afterRestart.post("/v1/sessions/patient/start", null).status()).isEqualTo(200);
            Sessions.awaitStatus(afterRestart, "patient", "SCAN_QR_CODE");
        }
    }
}

package io.wagate.engine.baileys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sessions on the real Baileys engine over HTTP, with Baileys pointed at a closed port (no internet). */
class BaileysSessionsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.start(
            c -> c.withBaileys(BaileysBridgeTest.unreachable())));

    private static Api.Response create(String name) {
        var response = server.api().post("/v1/sessions", Map.of("name", name, "engine", "baileys"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }

    @Test
    void aBaileysSessionStartsAndKeepsTryingWithoutFailing() {
        var created = create("real1").json();
        assertThat(created.path("engine").asText()).isEqualTo("baileys");
        assertThat(created.path("status").asText()).isEqualTo("STARTING");

        // Reconnecting against a closed port is not a failure: the session stays STARTING.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> server.api().get("/v1/sessions/real1").json().path("status").asText().equals("STARTING"));
        var qr = server.api().get("/v1/real1/auth/qr");
        assertThat(qr.status()).as(qr.toString()).isEqualTo(409);
        assertThat(qr.json().path("message").asText()).contains("STARTING");
        var code = server.api().post("/v1/real1/auth/pairing-code", Map.of("phoneNumber", "15551234567"));
        assertThat(code.status()).as(code.toString()).isEqualTo(409);
        assertThat(code.json().path("message").asText()).contains("SCAN_QR_CODE");
    }

    @Test
    void stopStartRestartAndDeleteWork() {
        create("real2");
        assertThat(server.api().post("/v1/sessions/real2/stop", Map.of()).json().path("status").asText())
                .isEqualTo("STOPPED");
        assertThat(server.api().post("/v1/sessions/real2/start", Map.of()).json().path("status").asText())
                .isEqualTo("STARTING");
        assertThat(server.api().post("/v1/sessions/real2/restart", Map.of()).json().path("status").asText())
                .isEqualTo("STARTING");
        var deleted = server.api().delete("/v1/sessions/real2");
        assertThat(deleted.status()).as(deleted.toString()).isBetween(200, 204);
        assertThat(server.api().get("/v1/sessions/real2").status()).isEqualTo(404);
    }

    @Test
    void whileTheBridgeRestartsACommandIs503WithARetryHintAndTheSessionComesBack() {
        create("real3");
        Sessions.awaitStatus(server.api(), "real3", "STARTING");
        var bridge = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("src/main.js"))
                .findFirst().orElseThrow();
        bridge.destroyForcibly();
        bridge.onExit().join();

        var during = new AtomicReference<Api.Response>();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
            during.set(server.api().post("/v1/real3/auth/pairing-code", Map.of("phoneNumber", "15551234567")));
            return during.get().status() == 503;
        });
        assertThat(during.get().header("Retry-After")).isEqualTo("5");
        assertThat(during.get().json().path("message").asText()).contains("retry");

        // Restarted and re-opened: the session is connecting again, so the answer is about its status.
        await().atMost(Duration.ofSeconds(20)).until(() -> server.api()
                .post("/v1/real3/auth/pairing-code", Map.of("phoneNumber", "15551234567")).status() == 409);
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("src/main.js"))
                .map(ProcessHandle::pid)).doesNotContain(bridge.pid()).isNotEmpty();
    }

    @Test
    void sessionsOnTheBaileysEngineComeBackAfterAServerRestartWithTheirStoredCredentials() {
        create("real4");
        await().atMost(Duration.ofSeconds(20)).until(() -> storedCreds("real4") != null);
        String creds = storedCreds("real4");

        server.get().restart();
        Sessions.awaitStatus(server.api(), "real4", "STARTING");
        assertThat(server.api().get("/v1/sessions/real4").json().path("engine").asText()).isEqualTo("baileys");
        // The re-opened bridge session read the stored credentials instead of making new ones.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> creds.equals(storedCreds("real4")));
    }

    private static String storedCreds(String sessionName) {
        return server.get().app().database().jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.item_value FROM engine_auth a JOIN sessions s ON s.id = a.session_id
                        WHERE s.name = :name AND a.item_key = 'creds'""")
                .bind("name", sessionName).mapTo(String.class).findOne().orElse(null));
    }
}

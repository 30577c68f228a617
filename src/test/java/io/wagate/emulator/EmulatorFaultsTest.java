package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.RunningServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session status each emulator fault gives a real Baileys session. */
class EmulatorFaultsTest {
    static final Emulator emulator = Emulator.start(0);
    static final ControlClient control = new ControlClient(emulator.controlUrl());

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> LinkedSessions.wagate(emulator));

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    private static long connections() {
        return control.get("/stats").json().path("connections").asLong();
    }

    private static void awaitConnectionsAbove(long count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> connections() > count);
    }

    @Test
    void dropAndRestartRequiredReconnectAndReplacedFails() {
        LinkedSessions.linkByQr(server.api(), control, "fdrop", "15550007777", null);

        long before = connections();
        var dropped = control.post("/faults", Map.of("type", "drop", "number", "15550007777"));
        assertThat(dropped.status()).isEqualTo(201);
        assertThat(dropped.json().path("connections").asInt()).isEqualTo(1);
        awaitConnectionsAbove(before);
        LinkedSessions.awaitStatus(server.api(), "fdrop", "WORKING");

        before = connections();
        assertThat(control.post("/faults", Map.of("type", "restart-required", "number", "15550007777")).status()).isEqualTo(201);
        awaitConnectionsAbove(before);
        LinkedSessions.awaitStatus(server.api(), "fdrop", "WORKING");

        assertThat(control.post("/faults", Map.of("type", "replaced", "number", "15550007777")).status()).isEqualTo(201);
        var failed = LinkedSessions.awaitStatus(server.api(), "fdrop", "FAILED");
        assertThat(failed.path("failure").path("reason").asText()).contains("replaced");
    }

    @Test
    void loggedOutFailsTheSessionAndForgetsTheDevice() {
        LinkedSessions.linkByQr(server.api(), control, "fout", "15550008888", null);
        assertThat(control.post("/faults", Map.of("type", "logged-out", "number", "15550008888")).status()).isEqualTo(201);
        var failed = LinkedSessions.awaitStatus(server.api(), "fout", "FAILED");
        assertThat(failed.path("failure").path("reason").asText()).contains("unlinked on the phone");
        assertThat(control.get("/phones/15550008888").json().path("devices")).isEmpty();
    }
}

package io.wagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The emulator's control API and its WebSocket endpoint, in-process, over loopback HTTP. */
class EmulatorControlTest {
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(0);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static ControlClient.Reply call(String method, String path, String body) {
        return new ControlClient(emulator.controlUrl()).call(method, path, body);
    }

    @Test
    void aPhoneIsCreatedOnceWithALidAndNoDevices() throws Exception {
        var created = call("POST", "/phones", "{\"number\":\"15550001111\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("number").asText()).isEqualTo("15550001111");
        assertThat(created.json().path("lid").asText()).matches("[0-9]{15}");
        assertThat(created.json().path("devices")).isEmpty();

        assertThat(call("GET", "/phones/15550001111", null).json().path("lid")).isEqualTo(created.json().path("lid"));
        var again = call("POST", "/phones", "{\"number\":\"15550001111\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("message").asText()).contains("exists");
    }

    @Test
    void badRequestsSayWhatIsWrong() throws Exception {
        assertThat(call("POST", "/phones", "{\"number\":\"+1 555\"}").status()).isEqualTo(400);
        assertThat(call("POST", "/phones", "not json").json().path("message").asText()).contains("not JSON");
        assertThat(call("POST", "/phones", "{}").json().path("message").asText()).contains("'number'");
        var unknown = call("GET", "/phones/19998887777", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("message").asText()).contains("no phone");
        assertThat(call("POST", "/phones/19998887777/scan", "{\"qr\":\"x\"}").status()).isEqualTo(404);
        var fault = call("POST", "/faults", "{\"type\":\"meteor\"}");
        assertThat(fault.status()).isEqualTo(400);
        assertThat(fault.json().path("message").asText()).contains("meteor");
        assertThat(call("POST", "/faults", "{\"type\":\"delay\",\"ms\":-1}").status()).isEqualTo(400);
        assertThat(call("POST", "/faults", "{\"type\":\"drop\",\"number\":\"19998887777\"}").status()).isEqualTo(404);
        var nowhere = call("GET", "/nowhere", null);
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.json().path("message").asText()).contains("/nowhere");
    }

    @Test
    void rejectUpgradeRefusesTheWebSocketUntilTheFaultsAreCleared() throws Exception {
        assertThat(call("POST", "/faults", "{\"type\":\"reject-upgrade\"}").status()).isEqualTo(201);
        assertThatThrownBy(() -> connect().join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(503));
        assertThat(call("GET", "/stats", null).json().path("upgradesRejected").asLong()).isPositive();

        assertThat(call("DELETE", "/faults", null).status()).isEqualTo(204);
        long before = call("GET", "/stats", null).json().path("connections").asLong();
        var socket = connect().join();
        // The client's handshake can complete before the emulator has counted the connection.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> call("GET", "/stats", null).json().path("connections").asLong(), n -> n == before + 1);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    private static java.util.concurrent.CompletableFuture<WebSocket> connect() {
        return http.newWebSocketBuilder().buildAsync(URI.create(emulator.wsUrl()), new WebSocket.Listener() {});
    }

    @Test
    void thePortComesFromTheFlagOrTheEnvironment() {
        assertThat(EmulatorMain.port(new String[] {}, null)).isZero();
        assertThat(EmulatorMain.port(new String[] {}, "4100")).isEqualTo(4100);
        assertThat(EmulatorMain.port(new String[] {"--port", "4200"}, "4100")).isEqualTo(4200);
        assertThat(EmulatorMain.port(new String[] {"--port=4300"}, null)).isEqualTo(4300);
        assertThatThrownBy(() -> EmulatorMain.port(new String[] {"--port", "x"}, null))
                .hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> EmulatorMain.port(new String[] {"--verbose"}, null)).hasMessageContaining("--verbose");
    }
}

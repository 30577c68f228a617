package io.wagate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.config.Config;
import io.wagate.support.RawHttp;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slowloris, and one address holding many connections. */
class ConnectionLimitsTest {
    private static final int SLOWLORIS = 500;

    private static TestServer server(Duration headerTimeout, int maxPerIp) {
        return TestServer.startWithoutAutoLink(c -> c.withHttp(c.http().withConnections(headerTimeout, maxPerIp)));
    }

    /** Opens a connection that starts a request and then sends one header byte now and then, never finishing. */
    private static Socket slowStart(int port) throws IOException {
        var socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(50);
        socket.getOutputStream().write("POST /v1/sendText HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** True once the server closed the connection (a read ends, or a write fails). */
    private static boolean closedByServer(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write('a');
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void fiveHundredSlowlorisConnectionsDoNotDelayASendAndAreClosedAtTheHeaderDeadline() throws Exception {
        try (var server = server(Duration.ofSeconds(2), 1000)) {
            Sessions.linked(server.api(), "loris", "15557200001");
            int port = server.app().port();
            var slow = new ArrayList<Socket>();
            try {
                for (int i = 0; i < SLOWLORIS; i++) {
                    slow.add(slowStart(port));
                }
                long start = System.nanoTime();
                var sent = server.api().post("/v1/sendText", Map.of("session", "loris", "chatId", "15550000002",
                        "text", "not delayed"));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(sent.status()).isEqualTo(201);
                assertThat(took).as("a send beside 500 slowloris connections").isLessThan(Duration.ofSeconds(2));

                // Each keeps dribbling header bytes (which resets Jetty's idle timeout), yet all are closed.
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300))
                        .until(() -> slow.stream().filter(s -> !s.isClosed()).allMatch(ConnectionLimitsTest::closedByServer));
            } finally {
                for (var socket : slow) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void connectionsOverThePerAddressCapAreClosedAndTheOthersServe() throws Exception {
        try (var server = server(Duration.ofSeconds(60), 5)) {
            int port = server.app().port();
            List<Socket> opened = new ArrayList<>();
            try {
                // The test's HTTP client may keep a connection of its own open: the cap is reached by the 6th at most.
                for (int i = 0; i < 6; i++) {
                    opened.add(slowStart(port));
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> opened.stream().anyMatch(ConnectionLimitsTest::closedByServer));
                long open = opened.stream().filter(s -> !closedByServer(s)).count();
                assertThat(open).as("connections left open by the cap").isBetween(1L, 5L);
            } finally {
                for (var socket : opened) {
                    socket.close();
                }
            }
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> server.api().get("/v1/sessions").status() == 200);
        }
    }

    @Test
    void aConnectionIdleForTheIdleTimeoutIsClosedAndOneInUseIsNot() throws Exception {
        try (var server = TestServer.start(c -> c.withHttp(new Config.HttpSettings(c.http().shutdownGrace(),
                c.http().headerTimeout(), Duration.ofSeconds(1), c.http().acceptBacklog(),
                c.http().maxConnectionsPerIp())))) {
            int port = server.app().port();
            try (var idle = new Socket("127.0.0.1", port); var busy = new Socket("127.0.0.1", port)) {
                idle.setSoTimeout(50);
                busy.setSoTimeout(5_000);
                long opened = System.nanoTime();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    // A whole request now and then keeps this one in use.
                    busy.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    RawHttp.readAnswer(busy.getInputStream());
                    return readsEnd(idle);
                });
                assertThat(Duration.ofNanos(System.nanoTime() - opened)).as("closed at the idle timeout, not before")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
                busy.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(RawHttp.readAnswer(busy.getInputStream())).startsWith("HTTP/1.1 200");
            }
        }
    }

    /** True once the server closed the connection; nothing is written to it. */
    private static boolean readsEnd(Socket socket) {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}

package io.wagate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.RawHttp;
import io.wagate.support.ServerProcess;
import io.wagate.support.Sessions;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM under load drains: every request either gets its answer or was not carried out. */
class ShutdownDrainTest {
    private static final int CLIENTS = 24;
    private static final String CHAT = "15550000002";

    enum Outcome { ANSWERED, REFUSED, CUT_OFF }

    /** GET /health on {@code socket} (kept alive); the whole answer, headers and body. */
    private static String health(java.net.Socket socket) throws java.io.IOException {
        return RawHttp.get(socket, "/health");
    }

    @Test
    void underLoadEveryRequestIsAnsweredOrNotCarriedOut(@TempDir Path temp) throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        var env = Map.of("WAGATE_SANDBOX_LINK_DELAY_MS", "-1", "WAGATE_SHUTDOWN_GRACE_S", "15");
        var outcomes = new ConcurrentHashMap<String, Outcome>();
        var answeredAfterTerm = new AtomicInteger();
        var terminated = new AtomicBoolean();
        var refusals = new ConcurrentHashMap<String, String>();
        try (var server = ServerProcess.start(data, env)) {
            var api = server.api();
            Sessions.linked(api, "drain", "15557100001");
            // Paced: sends queue in the session's lane, so at the SIGTERM many are in flight at once.
            assertThat(api.put("/v1/sessions/drain", Map.of("config", Map.of("pacing",
                    Map.of("minDelayMs", 10, "maxDelayMs", 20, "typing", false, "maxQueue", 1000)))).status())
                    .isEqualTo(200);
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    pool.submit(() -> {
                        for (int i = 0; ; i++) {
                            String text = "drain " + client + "-" + i;
                            try {
                                var sent = api.post("/v1/sendText", Map.of("session", "drain", "chatId", CHAT,
                                        "text", text));
                                if (sent.status() == 201) {
                                    outcomes.put(text, Outcome.ANSWERED);
                                    if (terminated.get()) {
                                        answeredAfterTerm.incrementAndGet();
                                    }
                                    continue;
                                }
                                assertThat(sent.status()).as(sent.toString()).isEqualTo(503);
                                assertThat(sent.header("Connection")).isEqualTo("close");
                                assertThat(sent.header("Retry-After")).isNotNull();
                                outcomes.put(text, Outcome.REFUSED);
                                refusals.put(text, sent.toString());
                            } catch (UncheckedIOException e) {
                                outcomes.put(text, Outcome.CUT_OFF);
                            }
                            return null;
                        }
                    });
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() >= 60);
                try (var keptAlive = new java.net.Socket("127.0.0.1", server.port());
                     var simpleAlive = new java.net.Socket("127.0.0.1", server.port())) {
                    assertThat(health(keptAlive)).startsWith("HTTP/1.1 200");
                    assertThat(health(simpleAlive)).startsWith("HTTP/1.1 200");
                    terminated.set(true);
                    server.terminate();
                    // Requests on the open connection, until the drain refuses one (sends are still in flight).
                    String answer = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                            .until(() -> health(keptAlive), a -> !a.startsWith("HTTP/1.1 200"));
                    assertThat(answer).startsWith("HTTP/1.1 503").containsIgnoringCase("connection: close")
                            .containsIgnoringCase("retry-after: 5").contains("shutting down");
                    // The simple API refuses in its own error shape, {"error": "..."}.
                    String simple = RawHttp.get(simpleAlive, "/api/whatsapp/send/text");
                    assertThat(simple).startsWith("HTTP/1.1 503").containsIgnoringCase("connection: close");
                    String body = simple.substring(simple.indexOf("\r\n\r\n") + 4);
                    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
                    assertThat(json.path("error").asText()).contains("shutting down");
                    assertThat(json.size()).as(body).isEqualTo(1);
                }
                assertThat(server.awaitExit(Duration.ofSeconds(30))).as("a clean exit").isIn(0, 143);
            }
        }
        assertThat(answeredAfterTerm.get()).as("requests in flight at the SIGTERM got their answers").isPositive();

        try (var again = ServerProcess.start(data, env)) {
            var history = again.api().get("/v1/messages?session=drain&chatId=" + CHAT + "&limit=1000").json();
            List<String> stored = new ArrayList<>(history.findValuesAsText("body"));
            outcomes.forEach((text, outcome) -> {
                if (outcome == Outcome.ANSWERED) {
                    assertThat(stored).as("answered 201: stored").contains(text);
                } else {
                    assertThat(stored).as("%s (%s): not carried out", text, outcome).doesNotContain(text);
                }
            });
        }
    }
}

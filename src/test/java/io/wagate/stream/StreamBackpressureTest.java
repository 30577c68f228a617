package io.wagate.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.config.Config;
import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import io.wagate.support.WsClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that stops reading fills its small queue and is disconnected with 1013, while a client
 * that reads keeps receiving and the sends that cause the events are never held up.
 */
class StreamBackpressureTest {
    private static final int QUEUE_FRAMES = 8;
    /** Large frames fill the socket buffers between server and paused client quickly. */
    private static final String BIG = "x".repeat(60_000);

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.startWithoutAutoLink(c -> c
            .withStream(new Config.StreamConfig(QUEUE_FRAMES))));

    private static double slowDisconnects(Api admin) {
        for (String line : admin.get("/metrics").text().split("\n")) {
            if (line.startsWith("wagate_ws_slow_disconnects_total ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1));
            }
        }
        throw new AssertionError("no wagate_ws_slow_disconnects_total in /metrics");
    }

    @Test
    void aClientThatNeverReadsIsDisconnectedWhileAnotherKeepsReceiving() {
        var admin = server.api();
        var plan = admin.post("/admin/plans", StreamTest.unthrottledPlan("backpressure"));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        String key = Accounts.createKey(admin, "backpressure", "backpressure");
        var account = server.api(key);
        Sessions.linked(account, "sender", "15553330001");
        Sessions.linked(account, "receiver", "15553330002");

        try (var slow = WsClient.connectPaused(account, key, "events=*");
             var fast = WsClient.connect(account, key, "session=receiver&events=message")) {
            int sent = 0;
            while (slowDisconnects(admin) < 1) {
                assertThat(sent).as("sends before the paused client is dropped").isLessThan(300);
                String text = sent + " " + BIG;
                var response = account.post("/v1/sendText", Map.of("session", "sender", "chatId", "15553330002",
                        "text", text));
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
                String prefix = sent + " ";
                fast.await("message " + sent, f -> f.path("payload").path("body").asText().startsWith(prefix));
                sent++;
            }
            // Still streaming to the client that reads, after the other was dropped.
            for (int i = 0; i < 3; i++) {
                String text = "after " + i;
                account.post("/v1/sendText", Map.of("session", "sender", "chatId", "15553330002", "text", text));
                fast.await(text, f -> f.path("payload").path("body").asText().equals(text));
            }
            assertThat(fast.isClosed()).isFalse();

            // Once it reads again, the dropped client finds the close frame behind what was already on its way.
            slow.resume();
            var closed = slow.awaitClosed();
            assertThat(closed.code()).as(closed.toString()).isEqualTo(1013);
            assertThat(closed.reason()).contains("too slow");
            assertThat(admin.get("/metrics").text()).contains("wagate_ws_clients 1.0");
        }
    }
}

package io.wagate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Receiver;
import io.wagate.support.ServerProcess;
import io.wagate.support.Sessions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing acknowledged is lost on kill -9. Here: webhook deliveries waiting for a receiver. */
class WebhookCrashTest {
    private static final Map<String, String> PAIRING_ONLY = Map.of("WAGATE_SANDBOX_LINK_DELAY_MS", "-1");
    private static final int MESSAGES = 20;

    @Test
    void deliveriesWaitingForADownReceiverSurviveKillNineAndAllArriveOnceAfterTheRestart(@TempDir Path temp)
            throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        int port = freePort(); // nothing listens here until the receiver starts, after the crash
        String url = "http://127.0.0.1:" + port + "/crash";
        var sentIds = new ArrayList<String>();
        try (var first = ServerProcess.start(data, PAIRING_ONLY)) {
            var api = first.api();
            Sessions.linked(api, "sender", "15556000001");
            Sessions.linked(api, "receiver", "15556000002");
            var registered = api.post("/v1/sessions/receiver/webhooks", Map.of("webhookUrl", url,
                    "events", List.of("message", "message.any"),
                    "retries", Map.of("policy", "constant", "delaySeconds", 1, "attempts", 100)));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            for (int i = 0; i < MESSAGES; i++) {
                var sent = api.post("/v1/sendText", Map.of("session", "sender", "chatId", "15556000002",
                        "text", "durable " + i));
                assertThat(sent.status()).isEqualTo(201);
                sentIds.add(sent.json().path("id").asText());
            }
            // Tried and failed at least once: what survives is a retry in progress, not just a fresh row.
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                var pending = api.get("/v1/sessions/receiver/webhooks/deliveries?status=pending").json();
                return pending.size() == 2 * MESSAGES && pending.findValues("attempts").stream()
                        .anyMatch(a -> a.asInt() >= 1);
            });
            first.killHard();
        }

        try (var receiver = Receiver.start(port); var second = ServerProcess.start(data, PAIRING_ONLY)) {
            var delivered = receiver.awaitRequests("every event after the restart", 2 * MESSAGES,
                    r -> r.answered() == 200);
            // A little longer: nothing more may come (no event twice).
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.requests().size() == 2 * MESSAGES);

            var byEvent = receiver.requests().stream().collect(Collectors.groupingBy(Receiver.Request::eventId,
                    Collectors.counting()));
            assertThat(byEvent.values()).as("each event exactly once").allMatch(n -> n == 1);
            assertThat(delivered).allSatisfy(r -> assertThat(r.answered()).isEqualTo(200));
            Function<String, List<String>> bodiesOf = event -> receiver.requests().stream()
                    .filter(r -> r.event().equals(event))
                    .map(r -> r.json().path("payload").path("id").asText()).toList();
            for (String event : List.of("message", "message.any")) {
                var ids = bodiesOf.apply(event);
                assertThat(ids).hasSize(MESSAGES);
                for (String sent : sentIds) {
                    String suffix = sent.substring(sent.lastIndexOf('_'));
                    assertThat(ids).as(event + " of " + sent).anyMatch(id -> id.endsWith(suffix));
                }
            }
            var texts = receiver.requests().stream().filter(r -> r.event().equals("message"))
                    .map(r -> r.json().path("payload").path("body").asText()).toList();
            assertThat(texts).as("in the order they were sent")
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, MESSAGES).mapToObj(i -> "durable " + i)
                            .toList());
            assertThat(second.api().get("/v1/sessions/receiver/webhooks/deliveries?status=pending").json()).isEmpty();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.wagate.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Api;
import io.wagate.support.ServerProcess;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sends with an Idempotency-Key cut off by kill -9: their retries are replayed or run, never a 409. */
class IdempotencyCrashTest {
    private static final Map<String, String> PAIRING_ONLY = Map.of("WAGATE_SANDBOX_LINK_DELAY_MS", "-1");
    private static final int SENDS = 24;
    private static final String CHAT = "15550000002";

    private static Api.Response send(Api api, int i) {
        return api.withHeader("X-API-Key", TestServer.ADMIN_KEY).withHeader("Idempotency-Key", "crash-" + i).post("/v1/sendText",
                Map.of("session", "crash", "chatId", CHAT, "text", "crash " + i));
    }

    @Test
    void retriesOfSendsCutOffByKillNineAreReplayedOrRunAndEachTextIsSentOnce(@TempDir Path temp) throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        var firstIds = new ConcurrentHashMap<Integer, String>();
        try (var first = ServerProcess.start(data, PAIRING_ONLY)) {
            var api = first.api();
            Sessions.linked(api, "crash", "15557000001");
            // Paced sends queue up one after another: at the kill some are answered, some under way, some waiting.
            var paced = api.put("/v1/sessions/crash", Map.of("config",
                    Map.of("pacing", Map.of("minDelayMs", 40, "maxDelayMs", 60, "typing", false))));
            assertThat(paced.status()).as(paced.toString()).isEqualTo(200);
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                var futures = new ArrayList<Future<?>>();
                for (int i = 0; i < SENDS; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> {
                        try {
                            var sent = send(api, n);
                            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
                            firstIds.put(n, sent.json().path("id").asText());
                        } catch (java.io.UncheckedIOException cutOff) {
                            // the kill: no answer
                        }
                    }));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> firstIds.size() >= 4
                        || futures.stream().anyMatch(Future::isDone) && firstIds.isEmpty());
                first.killHard();
                for (var future : futures) {
                    future.get();
                }
            }
        }
        assertThat(firstIds.size()).as("some sends were cut off").isLessThan(SENDS);

        try (var second = ServerProcess.start(data, PAIRING_ONLY)) {
            var api = second.api();
            Sessions.awaitStatus(api, "crash", "WORKING");
            List<Api.Response> retries = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                var futures = new ArrayList<Future<Api.Response>>();
                for (int i = 0; i < SENDS; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> send(api, n)));
                }
                for (var future : futures) {
                    retries.add(future.get());
                }
            }
            for (int i = 0; i < SENDS; i++) {
                var retry = retries.get(i);
                assertThat(retry.status()).as("retry of send %d: %s", i, retry).isEqualTo(201);
                if (firstIds.containsKey(i)) {
                    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
                    assertThat(retry.json().path("id").asText()).isEqualTo(firstIds.get(i));
                }
            }
            var history = api.get("/v1/messages?session=crash&chatId=" + CHAT + "&limit=1000").json();
            var bodies = history.findValuesAsText("body");
            for (int i = 0; i < SENDS; i++) {
                String text = "crash " + i;
                assertThat(bodies.stream().filter(text::equals).count()).as(text + " sent once").isEqualTo(1);
            }
        }
    }

    /**
     * The narrow window of a crash: the message was committed (and written onto the claim with it) but the answer
     * was not. The store is put in that state by hand, as a kill -9 leaves it: the claim running, its process gone.
     */
    @Test
    void aClaimOfAGoneProcessWhoseSendWasStoredIsReplayedFromItsMessage() {
        try (var server = TestServer.startWithoutAutoLink()) {
            Sessions.linked(server.api(), "window", "15557000002");
            var api = server.api().withHeader("X-API-Key", TestServer.ADMIN_KEY).withHeader("Idempotency-Key", "w-1");
            Map<String, Object> body = Map.of("session", "window", "chatId", CHAT, "text", "in the window");
            var first = api.post("/v1/sendText", body);
            assertThat(first.status()).isEqualTo(201);
            var jdbi = server.app().database().jdbi();
            String linked = jdbi.withHandle(h -> h.createQuery(
                    "SELECT message_id FROM idempotency_keys WHERE idem_key = 'w-1'").mapTo(String.class).one());
            assertThat(linked).as("the message was written onto its claim").isEqualTo(first.json().path("id").asText());
            jdbi.useHandle(h -> h.execute(
                    "UPDATE idempotency_keys SET status = 0, body = NULL, instance_id = 'gone' WHERE idem_key = 'w-1'"));

            var retry = api.post("/v1/sendText", body);
            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retry.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
            assertThat(retry.json().path("body").asText()).isEqualTo("in the window");
            var history = server.api().get("/v1/messages?session=window&chatId=" + CHAT).json();
            assertThat(history.findValuesAsText("body")).containsOnlyOnce("in the window");
        }
    }

    /**
     * A send that stored its message and failed after it (here: its webhook deliveries could not be stored) has
     * sent that message: a retry with its key is replayed from it, not sent a second time.
     */
    @Test
    void aSendThatFailsAfterItsMessageWasStoredIsReplayedNotSentAgain() throws Exception {
        try (var server = TestServer.startWithoutAutoLink(); var receiver = io.wagate.support.Receiver.start()) {
            Sessions.linked(server.api(), "half", "15557000004");
            var hook = server.api().post("/v1/sessions/half/webhooks", Map.of("webhookUrl", receiver.url("/half"),
                    "events", List.of("message.any")));
            assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
            var jdbi = server.app().database().jdbi();
            jdbi.useHandle(h -> h.execute("CREATE TRIGGER refuse_deliveries BEFORE INSERT ON webhook_deliveries"
                    + " BEGIN SELECT RAISE(ABORT, 'deliveries refused by the test'); END"));
            var api = server.api().withHeader("X-API-Key", TestServer.ADMIN_KEY).withHeader("Idempotency-Key", "h-1");
            Map<String, Object> body = Map.of("session", "half", "chatId", CHAT, "text", "half failed");
            var first = api.post("/v1/sendText", body);
            assertThat(first.status()).as(first.toString()).isEqualTo(500);
            jdbi.useHandle(h -> h.execute("DROP TRIGGER refuse_deliveries"));

            var retry = api.post("/v1/sendText", body);
            assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
            var history = server.api().get("/v1/messages?session=half&chatId=" + CHAT).json();
            assertThat(history.findValuesAsText("body")).containsOnlyOnce("half failed");
        }
    }

    /** A claim still running in this very process (alive) keeps its 409. */
    @Test
    void aClaimOfTheLiveProcessStillBlocks() {
        try (var server = TestServer.startWithoutAutoLink()) {
            Sessions.linked(server.api(), "live", "15557000003");
            var api = server.api().withHeader("X-API-Key", TestServer.ADMIN_KEY).withHeader("Idempotency-Key", "l-1");
            Map<String, Object> body = Map.of("session", "live", "chatId", CHAT, "text", "still running");
            assertThat(api.post("/v1/sendText", body).status()).isEqualTo(201);
            var jdbi = server.app().database().jdbi();
            jdbi.useHandle(h -> h.execute("UPDATE idempotency_keys SET status = 0, body = NULL, message_id = NULL"
                    + " WHERE idem_key = 'l-1'"));
            var retry = api.post("/v1/sendText", body);
            assertThat(retry.status()).as(retry.toString()).isEqualTo(409);
            assertThat(retry.json().path("message").asText()).contains("still running");
        }
    }
}

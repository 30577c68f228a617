package io.wagate.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Api;
import io.wagate.support.ServerProcess;
import io.wagate.support.Sessions;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 201 on the sandbox means stored at both ends, kill -9 or not. */
class SandboxCrashTest {
    private static final Map<String, String> PAIRING_ONLY = Map.of("WAGATE_SANDBOX_LINK_DELAY_MS", "-1");
    private static final String SENDER = "15557300001";
    private static final String RECEIVER = "15557300002";

    private static Set<String> receivedTexts(Api api) {
        var history = api.get("/v1/messages?session=receiver&chatId=" + SENDER + "&limit=1000").json();
        return new HashSet<>(history.findValuesAsText("body"));
    }

    private static void send(Api api, String text) {
        var sent = api.post("/v1/sendText", Map.of("session", "sender", "chatId", RECEIVER, "text", text));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    }

    @Test
    void messagesWaitingForAStoppedRecipientSurviveKillNine(@TempDir Path temp) throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        var texts = List.of("wait 1", "wait 2", "wait 3", "wait 4", "wait 5");
        try (var first = ServerProcess.start(data, PAIRING_ONLY)) {
            var api = first.api();
            Sessions.linked(api, "sender", SENDER);
            Sessions.linked(api, "receiver", RECEIVER);
            assertThat(api.post("/v1/sessions/receiver/stop", null).status()).isEqualTo(200);
            Sessions.awaitStatus(api, "receiver", "STOPPED");
            texts.forEach(text -> send(api, text));
            first.killHard();
        }
        try (var second = ServerProcess.start(data, PAIRING_ONLY)) {
            var api = second.api();
            assertThat(api.post("/v1/sessions/receiver/start", null).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> receivedTexts(api).containsAll(texts));
            // The sender hears it was delivered (DEVICE) instead of staying at SERVER.
            await().atMost(Duration.ofSeconds(15)).until(() -> api.get(
                    "/v1/messages?session=sender&chatId=" + RECEIVER + "&limit=100").json().findValues("ack")
                    .stream().allMatch(ack -> ack.asInt() >= 2));
        }
    }

    @Test
    void everyMessageAnswered201UnderLoadReachesTheRecipientAfterKillNine(@TempDir Path temp) throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (var first = ServerProcess.start(data, PAIRING_ONLY)) {
            var api = first.api();
            Sessions.linked(api, "sender", SENDER);
            Sessions.linked(api, "receiver", RECEIVER);
            var killed = new AtomicBoolean();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < 8; c++) {
                    int client = c;
                    pool.submit(() -> {
                        for (int i = 0; !killed.get(); i++) {
                            String text = "load " + client + "-" + i;
                            try {
                                var sent = api.post("/v1/sendText", Map.of("session", "sender", "chatId", RECEIVER,
                                        "text", text));
                                if (sent.status() == 201) {
                                    acknowledged.add(text);
                                }
                            } catch (UncheckedIOException cutOff) {
                                return;
                            }
                        }
                    });
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 300);
                killed.set(true);
                first.killHard();
            }
        }
        try (var second = ServerProcess.start(data, PAIRING_ONLY)) {
            var api = second.api();
            Sessions.awaitStatus(api, "receiver", "WORKING");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(receivedTexts(api)).as("every 201'd message at the receiver").containsAll(acknowledged));
        }
    }
}

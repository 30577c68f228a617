package io.wagate.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** config.pacing: one message at a time, a delay apart, optionally after typing; a full queue is a 429. */
class PacingTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    static final String PAM = "15554440001";
    static final String QUINN = "15554440002";
    static final String ROSS = "15554440003";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "pam", PAM);
        Sessions.linked(server.api(), "quinn", QUINN);
        Sessions.linked(server.api(), "ross", ROSS);
    }

    private static Api api() {
        return server.api();
    }

    private static void pace(String session, Map<String, Object> pacing) {
        var put = api().put("/v1/sessions/" + session, Map.of("config", Map.of("pacing", pacing)));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().path("config").path("pacing").path("minDelayMs").asInt())
                .isEqualTo(pacing.get("minDelayMs"));
    }

    private static Api.Response sendText(String session, String to, String text) {
        return api().post("/v1/sendText", Map.of("session", session, "chatId", to, "text", text));
    }

    @Test
    void pacedMessagesLeaveAtLeastTheMinimumDelayApartInOrder() {
        pace("pam", Map.of("minDelayMs", 300, "maxDelayMs", 400));
        long started = System.nanoTime();
        for (int i = 1; i <= 3; i++) {
            var sent = sendText("pam", QUINN, "paced " + i);
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        }
        // The first leaves at once; each later one waits at least 300 ms after the one before.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        var received = await().atMost(Duration.ofSeconds(10))
                .until(() -> api().get("/v1/messages?session=quinn&chatId=" + PAM + "&limit=3"),
                        r -> r.json().size() == 3).json();
        assertThat(received.findValuesAsText("body")).containsExactly("paced 3", "paced 2", "paced 1");
    }

    @Test
    void typingIsShownBeforeAPacedText() {
        pace("quinn", Map.of("minDelayMs", 0, "maxDelayMs", 0, "typing", true));
        // 60 characters: 3 s of typing, long enough to be seen by polling.
        var send = Executors.newVirtualThreadPerTaskExecutor().submit(
                () -> sendText("quinn", ROSS, "x".repeat(60)));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/v1/sessions/ross/presence/" + QUINN + "@c.us").json()
                        .path("presences").path(0).path("lastKnownPresence").asText(), "typing"::equals);
        var sent = await().atMost(Duration.ofSeconds(10)).until(send::get, r -> r != null);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(api().get("/v1/sessions/ross/presence/" + QUINN + "@c.us").json()
                .path("presences").path(0).path("lastKnownPresence").asText()).isEqualTo("paused");
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() throws Exception {
        pace("ross", Map.of("minDelayMs", 1000, "maxDelayMs", 1000, "maxQueue", 1));
        var calls = new ArrayList<Callable<Api.Response>>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            calls.add(() -> sendText("ross", PAM, "queued " + n));
        }
        List<Api.Response> answers;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            answers = pool.invokeAll(calls).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
        var refused = answers.stream().filter(r -> r.status() == 429).toList();
        assertThat(refused).as(answers.toString()).isNotEmpty();
        assertThat(answers).allMatch(r -> r.status() == 201 || r.status() == 429);
        assertThat(refused.getFirst().header("Retry-After")).isNotNull();
        assertThat(Long.parseLong(refused.getFirst().header("Retry-After"))).isPositive();
        assertThat(refused.getFirst().json().path("message").asText()).contains("maxQueue");
        assertThat(refused.getFirst().json().path("statusCode").asInt()).isEqualTo(429);
    }

    @Test
    void impossiblePacingIsA400() {
        for (var pacing : List.<Map<String, Object>>of(Map.of("minDelayMs", 500, "maxDelayMs", 100),
                Map.of("minDelayMs", -1), Map.of("minDelayMs", 0, "maxQueue", 0))) {
            var put = api().put("/v1/sessions/pam", Map.of("config", Map.of("pacing", pacing)));
            assertThat(put.status()).as(put.toString()).isEqualTo(400);
            assertThat(put.json().path("message").asText()).contains("config.pacing");
        }
        var create = api().post("/v1/sessions", Map.of("name", "badpace",
                "config", Map.of("pacing", Map.of("minDelayMs", 10, "maxDelayMs", 5))));
        assertThat(create.status()).as(create.toString()).isEqualTo(400);
    }
}

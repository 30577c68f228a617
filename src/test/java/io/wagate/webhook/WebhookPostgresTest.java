package io.wagate.webhook;

import static io.wagate.webhook.WebhookDeliveryTest.deliveries;
import static io.wagate.webhook.WebhookDeliveryTest.register;
import static io.wagate.webhook.WebhookDeliveryTest.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.support.Receiver;
import io.wagate.support.Receiver.Reply;
import io.wagate.support.Sessions;
import io.wagate.support.TestClock;
import io.wagate.support.TestPostgres;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outbox's SQL on PostgreSQL: store, retry, dead-letter, re-play, resume after a restart, prune, drop. */
class WebhookPostgresTest {
    @Test
    void theOutboxWorksOnPostgres() {
        var clock = new TestClock(Instant.now());
        try (var pg = TestPostgres.createDatabase(); var receiver = Receiver.start();
             var server = TestServer.startWithoutAutoLink(pg::configure, clock)) {
            var api = server.api();
            Sessions.linked(api, "pga", "15558000001");
            Sessions.linked(api, "pgb", "15558000002");
            receiver.answer(r -> r.path().equals("/dead") ? Reply.status(500) : Reply.ok());
            register(api, "pgb", Map.of("webhookUrl", receiver.url("/ok"), "events", List.of("message", "message.any"),
                    "hmacKey", "pg-key"));
            register(api, "pgb", Map.of("webhookUrl", receiver.url("/dead"),
                    "retries", Map.of("policy", "constant", "delaySeconds", 0, "attempts", 2)));

            send(api, "pga", "15558000002", "über postgres ✓");
            await().atMost(Duration.ofSeconds(15)).until(() -> deliveries(api, "pgb", "?status=delivered").size() == 2
                    && deliveries(api, "pgb", "?status=failed").size() == 1);
            var delivered = receiver.requests("/ok");
            assertThat(delivered).allSatisfy(r -> assertThat(r.header("X-Webhook-Hmac"))
                    .isEqualTo(Signature.hmacSha512("pg-key", r.body())));
            assertThat(delivered.getFirst().json().path("payload").path("body").asText()).isEqualTo("über postgres ✓");
            var dead = deliveries(api, "pgb", "?status=failed").get(0);
            assertThat(dead.path("lastError").asText()).isEqualTo("the receiver answered 500");

            // Re-played while the receiver still fails, then the server restarts: the retry resumes from the store.
            receiver.answer(r -> Reply.status(503));
            register(api, "pgb", Map.of("webhookUrl", receiver.url("/dead"),
                    "retries", Map.of("policy", "constant", "delaySeconds", 1, "attempts", 50)));
            assertThat(api.post("/v1/sessions/pgb/webhooks/deliveries/" + dead.path("id").asText() + "/retry", null)
                    .status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests("/dead").size() >= 3);
            receiver.answer(r -> Reply.ok());
            server.restart();
            await().atMost(Duration.ofSeconds(15)).until(() -> deliveries(server.api(), "pgb", "?status=delivered")
                    .size() == 3);

            clock.advance(Duration.ofDays(8));
            server.restart();
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(server.api(), "pgb", "").isEmpty());

            // Removing a webhook drops its pending deliveries; deleting the session drops the rest.
            receiver.answer(r -> r.path().equals("/slow") ? Reply.status(500) : Reply.ok());
            register(server.api(), "pgb", Map.of("webhookUrl", receiver.url("/slow"),
                    "retries", Map.of("policy", "constant", "delaySeconds", 60, "attempts", 5)));
            send(server.api(), "pga", "15558000002", "pending");
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(server.api(), "pgb", "?status=pending")
                    .findValuesAsText("webhookUrl").contains(receiver.url("/slow")));
            assertThat(server.api().delete("/v1/sessions/pgb/webhooks?webhookUrl=" + receiver.url("/slow")).status())
                    .isEqualTo(204);
            assertThat(deliveries(server.api(), "pgb", "?status=pending")).isEmpty();
            assertThat(server.api().delete("/v1/sessions/pgb").status()).isEqualTo(204);
        }
    }
}

package io.wagate.webhook;

import static io.wagate.webhook.WebhookDeliveryTest.deliveries;
import static io.wagate.webhook.WebhookDeliveryTest.register;
import static io.wagate.webhook.WebhookDeliveryTest.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.config.Config;
import io.wagate.support.Accounts;
import io.wagate.support.Receiver;
import io.wagate.support.Receiver.Reply;
import io.wagate.support.Sessions;
import io.wagate.support.TestClock;
import io.wagate.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** What the operator configures: the server-wide webhook, private targets, retention. One server per test. */
class WebhookOperatorTest {
    private static UnaryOperator<Config> pairingOnly(UnaryOperator<Config> more) {
        return c -> more.apply(TestServer.withoutAutoLink(c));
    }

    private static TestServer start(UnaryOperator<Config> more) {
        return TestServer.start(pairingOnly(more));
    }

    @Test
    void theServerWideWebhookHearsEverySessionAndASessionEntryWithItsUrlReplacesIt() {
        try (var receiver = Receiver.start();
             var server = start(c -> c.withWebhooks(c.webhooks().withServerWebhook(receiver.url("/all"),
                     List.of("message"), "server-key")))) {
            var api = server.api();
            Sessions.linked(api, "plain", "15554000001");
            Sessions.linked(api, "own", "15554000002");
            register(api, "own", Map.of("webhookUrl", receiver.url("/all"), "events", List.of("message.any"),
                    "hmacKey", "own-key"));
            assertThat(api.get("/v1/sessions/plain/webhooks").json()).as("the server-wide one is not listed").isEmpty();

            send(api, "plain", "15554000002", "to own");
            send(api, "own", "15554000001", "to plain");

            var plainGot = receiver.awaitRequest("plain's message", r -> r.json().path("session").asText()
                    .equals("plain") && r.event().equals("message"));
            assertThat(plainGot.header("X-Webhook-Hmac")).isEqualTo(Signature.hmacSha512("server-key", plainGot.body()));
            var ownGot = receiver.awaitRequests("own's two message.any", 2, r -> r.json().path("session").asText()
                    .equals("own"));
            assertThat(ownGot).allSatisfy(r -> {
                assertThat(r.event()).as("own's entry replaces the server-wide one").isEqualTo("message.any");
                assertThat(r.header("X-Webhook-Hmac")).isEqualTo(Signature.hmacSha512("own-key", r.body()));
            });
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> receiver.requests()
                    .stream().map(Receiver.Request::eventId).distinct().count() == receiver.requests().size());
            assertThat(receiver.requests()).as("plain: message; own: two message.any; nothing twice").hasSize(3);
        }
    }

    @Test
    void aTargetIsCheckedAgainAtDeliveryTime() {
        try (var receiver = Receiver.start();
             var server = start(c -> c.withMedia(c.media().withAllowPrivateTargets(true)))) {
            String tenantKey = Accounts.createKey(server.api(), "lan-tenant", "unlimited");
            var tenant = server.api(tenantKey);
            Sessions.linked(tenant, "lana", "15554000011");
            Sessions.linked(tenant, "lanb", "15554000012");
            register(tenant, "lanb", Map.of("webhookUrl", receiver.url("/lan")));
            send(tenant, "lana", "15554000012", "while allowed");
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(tenant, "lanb", "?status=delivered").size() == 1);

            // The operator takes the permission back: the stored webhook is refused when it is used.
            server.restart(c -> c.withMedia(c.media().withAllowPrivateTargets(false)));
            var again = server.api(tenantKey);
            Sessions.awaitStatus(again, "lanb", "WORKING");
            send(again, "lana", "15554000012", "no longer allowed");

            var refused = await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(again, "lanb", "?status=pending"),
                    list -> !list.isEmpty() && list.get(0).path("attempts").asInt() >= 1);
            assertThat(refused.get(0).path("lastError").asText()).contains("refused", "loopback");
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void deliveredRowsArePrunedAfterTheRetentionAndDeadLettersAfterTheirs() {
        var clock = TestClock.at("2026-03-01T10:00:00Z");
        try (var ok = Receiver.start(); var broken = Receiver.start().answer(r -> Reply.status(500));
             var server = TestServer.start(pairingOnly(UnaryOperator.identity()), clock)) {
            var api = server.api();
            Sessions.linked(api, "kept", "15554000021");
            Sessions.linked(api, "peer", "15554000022");
            register(api, "kept", Map.of("webhookUrl", ok.url("/ok")));
            register(api, "kept", Map.of("webhookUrl", broken.url("/broken"), "retries",
                    Map.of("policy", "constant", "delaySeconds", 0, "attempts", 1)));
            send(api, "peer", "15554000021", "keep me a while");
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(api, "kept", "?status=delivered").size() == 1
                    && deliveries(api, "kept", "?status=failed").size() == 1);

            clock.advance(Duration.ofDays(8));
            server.restart();
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(server.api(), "kept", "?status=delivered")
                    .isEmpty());
            assertThat(deliveries(server.api(), "kept", "?status=failed")).as("dead letters are kept 30 days").hasSize(1);

            clock.advance(Duration.ofDays(23));
            server.restart();
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(server.api(), "kept", "").isEmpty());
        }
    }
}

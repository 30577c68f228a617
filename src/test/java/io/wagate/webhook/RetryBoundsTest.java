package io.wagate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A tenant's retries are bounded (at least 1 s apart, at most 20 attempts), so a failing receiver cannot be flooded. */
class RetryBoundsTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.start(c -> c.withMedia(
            c.media().withAllowPrivateTargets(true))));
    static Api tenant;

    @BeforeAll
    static void setUp() {
        tenant = Accounts.create(server.api(), "retrier", "unlimited");
        assertThat(tenant.post("/v1/sessions", Map.of("name", "rb", "start", false)).status()).isEqualTo(201);
        assertThat(server.api().post("/v1/sessions", Map.of("name", "rb-admin", "start", false)).status()).isEqualTo(201);
    }

    static Map<String, Object> hook(String url, int delay, int attempts) {
        return Map.of("webhookUrl", url, "retries", Map.of("policy", "constant", "delaySeconds", delay,
                "attempts", attempts));
    }

    static void assertBadRequest(Api.Response response, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }

    @Test
    void aTenantsDelayIsAtLeastOneSecond() {
        assertBadRequest(tenant.post("/v1/sessions/rb/webhooks", hook("http://127.0.0.1:9/a", 0, 5)),
                "retries.delaySeconds must be between 1 and 900");
        assertBadRequest(tenant.put("/v1/sessions/rb", Map.of("config", Map.of("webhooks", List.of(Map.of(
                "url", "http://127.0.0.1:9/b", "retries", Map.of("delaySeconds", 0)))))),
                "config.webhooks[0].retries.delaySeconds must be between 1 and 900");
    }

    @Test
    void aTenantHasAtMostTwentyAttempts() {
        assertBadRequest(tenant.post("/v1/sessions/rb/webhooks", hook("http://127.0.0.1:9/c", 1, 21)),
                "retries.attempts must be between 1 and 20");
        assertBadRequest(tenant.post("/v1/sessions", Map.of("name", "rb2", "start", false, "config",
                Map.of("webhooks", List.of(Map.of("url", "http://127.0.0.1:9/d", "retries",
                        Map.of("attempts", 100)))))), "config.webhooks[0].retries.attempts must be between 1 and 20");
        var atTheBound = tenant.post("/v1/sessions/rb/webhooks", hook("http://127.0.0.1:9/e", 1, 20));
        assertThat(atTheBound.status()).as(atTheBound.toString()).isEqualTo(201);
    }

    @Test
    void anAdminKeepsTheWiderBounds() {
        var wide = server.api().post("/v1/sessions/rb-admin/webhooks", hook("http://127.0.0.1:9/f", 0, 100));
        assertThat(wide.status()).as(wide.toString()).isEqualTo(201);
        assertBadRequest(server.api().post("/v1/sessions/rb-admin/webhooks", hook("http://127.0.0.1:9/g", 0, 101)),
                "attempts must be between 1 and 100");
    }
}

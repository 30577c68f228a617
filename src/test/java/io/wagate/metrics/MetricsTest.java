package io.wagate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wagate.config.Config;
import io.wagate.http.docs.OpenApiContract;
import io.wagate.support.Accounts;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import io.wagate.support.WsClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics}: who may scrape, and the documented series after some sandbox traffic. */
class MetricsTest {
    private static final String TOKEN = "scrape-token-0123456789";
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    @RegisterExtension
    static final RunningServer server = new RunningServer(() -> TestServer.startWithoutAutoLink(c -> c
            .withMetrics(new Config.MetricsConfig(Optional.of(TOKEN)))));

    private static Api scraper() {
        return server.api().anonymous().withHeader("Authorization", "Bearer " + TOKEN);
    }

    /** The value of the one series {@code series} (name and labels exactly as scraped), or null. */
    private static Double value(String scrape, String series) {
        var matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : null;
    }

    @Test
    void theScrapeTokenAndTheAdminKeyMayScrapeNobodyElse() {
        var withToken = scraper().get("/metrics");
        assertThat(withToken.status()).as(withToken.toString()).isEqualTo(200);
        assertThat(withToken.header("Content-Type")).startsWith("text/plain");
        CONTRACT.assertConforms("GET", "/metrics", withToken);

        var withAdminKey = server.api().get("/metrics");
        assertThat(withAdminKey.status()).isEqualTo(200);
        CONTRACT.assertConforms("GET", "/metrics", withAdminKey);

        for (var refused : new Api[] {server.api().anonymous(),
                server.api().anonymous().withHeader("Authorization", "Bearer wrong-token"),
                server.api().anonymous().withHeader("Authorization", "Bearer " + TOKEN + "x")}) {
            var response = refused.get("/metrics");
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.json().path("statusCode").asInt()).isEqualTo(401);
            CONTRACT.assertConforms("GET", "/metrics", response);
        }
        var accountKey = Accounts.create(server.api(), "metrics-peek", "mega").get("/metrics");
        assertThat(accountKey.status()).as(accountKey.toString()).isEqualTo(403);
        CONTRACT.assertConforms("GET", "/metrics", accountKey);
    }

    @Test
    void theDocumentedSeriesShowSandboxTraffic() {
        var admin = server.api();
        Sessions.linked(admin, "m1", "15554440001");
        Sessions.create(admin, "m2");
        Sessions.awaitStatus(admin, "m2", "SCAN_QR_CODE");
        var sent = admin.post("/v1/sendText", Map.of("session", "m1", "chatId", "15550000001", "text", "count me"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(admin.get("/v1/sessions/nobody").status()).isEqualTo(404);
        assertThat(admin.get("/no/such/route").status()).isEqualTo(404);

        // The echo contact's reply is the message received.
        String scrape = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> scraper().get("/metrics").text(),
                        text -> value(text, "wagate_messages_received_total{engine=\"sandbox\"}") >= 1);

        assertThat(value(scrape, "wagate_sessions{engine=\"sandbox\",status=\"WORKING\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "wagate_sessions{engine=\"sandbox\",status=\"SCAN_QR_CODE\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "wagate_sessions{engine=\"sandbox\",status=\"FAILED\"}")).isEqualTo(0);
        assertThat(value(scrape, "wagate_messages_sent_total{engine=\"sandbox\",source=\"api\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "wagate_messages_sent_total{engine=\"sandbox\",source=\"app\"}")).isEqualTo(0);

        // HTTP requests by route template, never by raw path.
        assertThat(value(scrape, "http_server_requests_seconds_count{method=\"POST\",route=\"/v1/sendText\",status=\"201\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "http_server_requests_seconds_count{method=\"GET\",route=\"/v1/sessions/{session}\",status=\"404\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape).contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/v1/sendText\",status=\"201\",le=\"0.25\"}")
                .contains("http_server_requests_seconds_sum{method=\"POST\",route=\"/v1/sendText\",status=\"201\"}")
                .doesNotContain("route=\"/v1/sessions/nobody\"", "/no/such/route");

        // Webhook series exist before the dispatcher reports anything; the stream's too.
        assertThat(value(scrape, "wagate_webhook_deliveries_total{outcome=\"delivered\"}")).isNotNull();
        assertThat(value(scrape, "wagate_webhook_deliveries_total{outcome=\"retried\"}")).isNotNull();
        assertThat(value(scrape, "wagate_webhook_deliveries_total{outcome=\"failed\"}")).isNotNull();
        assertThat(value(scrape, "wagate_webhook_delivery_seconds_count")).isNotNull();
        assertThat(value(scrape, "wagate_webhook_outbox_depth")).isNotNull();
        assertThat(value(scrape, "wagate_ws_slow_disconnects_total")).isNotNull();
        assertThat(scrape).contains("jvm_memory_used_bytes", "process_uptime_seconds");
    }

    @Test
    void webSocketClientsAndTheirUpgradesAreCounted() {
        try (var client = WsClient.connect(server.api(), TestServer.ADMIN_KEY, "events=*")) {
            String scrape = scraper().get("/metrics").text();

            assertThat(value(scrape, "wagate_ws_clients")).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "http_server_requests_seconds_count{method=\"GET\",route=\"/v1/ws\",status=\"101\"}"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(client.isClosed()).isFalse();
        }
    }
}

package io.wagate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.engine.SessionStatus;
import io.wagate.session.SessionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the webhook dispatcher and the stream report reaches the scrape as documented (the
 * dispatcher is not wired yet, so this goes through the interfaces it will call).
 */
class MetricsRegistryTest {
    private final List<SessionStore.EngineStatusCount> counts = new ArrayList<>();

    @Test
    void webhookDeliveriesByOutcomeLatencyAndOutboxDepth() {
        try (var metrics = new Metrics(() -> counts, List.of("sandbox"))) {
            var webhooks = metrics.webhooks();
            webhooks.delivered(Duration.ofMillis(40));
            webhooks.delivered(Duration.ofMillis(700));
            webhooks.retried();
            webhooks.failed();
            webhooks.outboxDepth(() -> 17);

            String scrape = metrics.scrape();

            assertThat(scrape).contains("wagate_webhook_deliveries_total{outcome=\"delivered\"} 2.0",
                    "wagate_webhook_deliveries_total{outcome=\"retried\"} 1.0",
                    "wagate_webhook_deliveries_total{outcome=\"failed\"} 1.0",
                    "wagate_webhook_delivery_seconds_bucket{le=\"0.05\"} 1",
                    "wagate_webhook_delivery_seconds_bucket{le=\"1.0\"} 2",
                    "wagate_webhook_delivery_seconds_count 2",
                    "wagate_webhook_outbox_depth 17.0");
        }
    }

    @Test
    void sessionsAreCountedAfreshAtEachScrapeIncludingEnginesFirstSeenThere() {
        try (var metrics = new Metrics(() -> counts, List.of("sandbox"))) {
            assertThat(metrics.scrape()).contains("wagate_sessions{engine=\"sandbox\",status=\"WORKING\"} 0.0");

            counts.add(new SessionStore.EngineStatusCount("sandbox", SessionStatus.WORKING, 3));
            counts.add(new SessionStore.EngineStatusCount("baileys", SessionStatus.FAILED, 1));
            String scrape = metrics.scrape();

            assertThat(scrape).contains("wagate_sessions{engine=\"sandbox\",status=\"WORKING\"} 3.0",
                    "wagate_sessions{engine=\"baileys\",status=\"FAILED\"} 1.0",
                    "wagate_sessions{engine=\"baileys\",status=\"WORKING\"} 0.0");
        }
    }

    @Test
    void theNoOpImplementationsAcceptEverything() {
        WebhookMetrics.NONE.delivered(Duration.ofSeconds(1));
        WebhookMetrics.NONE.retried();
        WebhookMetrics.NONE.failed();
        WebhookMetrics.NONE.outboxDepth(() -> 1);
        StreamMetrics.NONE.clients(() -> 1);
        StreamMetrics.NONE.tooSlow();
        try (var metrics = new Metrics(() -> counts, List.of("sandbox"))) {
            metrics.stream().tooSlow();
            assertThat(metrics.scrape()).contains("wagate_ws_slow_disconnects_total 1.0");
        }
    }
}

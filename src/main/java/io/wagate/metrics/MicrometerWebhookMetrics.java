package io.wagate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * {@code wagate_webhook_deliveries_total{outcome}}, {@code wagate_webhook_delivery_seconds} (a
 * histogram) and {@code wagate_webhook_outbox_depth}. Every series exists from start-up, at zero
 * until the dispatcher reports.
 */
final class MicrometerWebhookMetrics implements WebhookMetrics {
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;
    private final Timer latency;
    private volatile LongSupplier depth = () -> 0;

    MicrometerWebhookMetrics(MeterRegistry registry) {
        this.delivered = outcome(registry, "delivered");
        this.retried = outcome(registry, "retried");
        this.failed = outcome(registry, "failed");
        this.latency = Timer.builder("wagate.webhook.delivery")
                .description("Time from an event to its receiver's 2xx, retries included")
                .serviceLevelObjectives(Metrics.LATENCY_BUCKETS)
                .register(registry);
        Gauge.builder("wagate.webhook.outbox.depth", () -> depth.getAsLong())
                .description("Webhook deliveries pending or waiting for a retry")
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("wagate.webhook.deliveries")
                .description("Webhook delivery attempts by outcome: delivered, retried (failed, tried again), "
                        + "failed (out of attempts: dead letter)")
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public void delivered(Duration latency) {
        delivered.increment();
        this.latency.record(latency);
    }

    @Override
    public void retried() {
        retried.increment();
    }

    @Override
    public void failed() {
        failed.increment();
    }

    @Override
    public void outboxDepth(LongSupplier depth) {
        this.depth = depth;
    }
}

package io.wagate.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What the webhook dispatcher reports for {@code /metrics}. The dispatcher calls these on its own
 * threads; implementations only count, so a call never blocks a delivery.
 */
public interface WebhookMetrics {
    /** A delivery reached its receiver (2xx); {@code latency} runs from the event to that answer, retries included. */
    void delivered(Duration latency);

    /** An attempt failed and the delivery will be tried again. */
    void retried();

    /** A delivery ran out of attempts and became a dead letter. */
    void failed();

    /**
     * Where the outbox depth (deliveries pending or waiting for a retry) is read from at each scrape;
     * given once, when the dispatcher is wired.
     */
    void outboxDepth(LongSupplier depth);

    /** For wiring without metrics (tests of the dispatcher alone). */
    WebhookMetrics NONE = new WebhookMetrics() {
        @Override
        public void delivered(Duration latency) {}

        @Override
        public void retried() {}

        @Override
        public void failed() {}

        @Override
        public void outboxDepth(LongSupplier depth) {}
    };
}

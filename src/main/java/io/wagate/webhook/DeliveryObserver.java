package io.wagate.webhook;

import java.time.Duration;
import java.util.Optional;

/**
 * Hears of every delivery attempt, for metrics: how it ended, how long the request took, and for a delivered
 * one how long after the event it arrived. Called on the sending thread; must be quick and must not throw.
 */
@FunctionalInterface
public interface DeliveryObserver {
    enum Result {
        /** The receiver answered 2xx. */
        DELIVERED,
        /** It failed and will be tried again. */
        RETRYING,
        /** It failed for the last time: a dead letter now. */
        DEAD
    }

    void onAttempt(Result result, Duration request, Optional<Duration> sinceEvent);

    DeliveryObserver NONE = (result, request, sinceEvent) -> { };

    /** Counts attempts in {@code /metrics}; a delivery's latency runs from its event to the receiver's 2xx. */
    static DeliveryObserver counting(io.wagate.metrics.WebhookMetrics metrics) {
        return (result, request, sinceEvent) -> {
            switch (result) {
                case DELIVERED -> metrics.delivered(sinceEvent.orElse(request));
                case RETRYING -> metrics.retried();
                case DEAD -> metrics.failed();
            }
        };
    }
}

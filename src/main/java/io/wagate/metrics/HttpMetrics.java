package io.wagate.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code http_server_requests_seconds{method, route, status}}: one timer per route template (never
 * the raw path, whose session names and ids would make a series per value) and status.
 */
public final class HttpMetrics {
    /** The route of a request that matched none: all such requests share one series. */
    public static final String UNMATCHED = "unmatched";

    private final MeterRegistry registry;

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String method, String route, int status, Duration elapsed) {
        Timer.builder("http.server.requests")
                .description("HTTP requests by route template and status")
                .tags("method", method, "route", route == null ? UNMATCHED : route, "status", Integer.toString(status))
                .serviceLevelObjectives(Metrics.LATENCY_BUCKETS)
                .register(registry)
                .record(elapsed);
    }
}

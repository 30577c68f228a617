package io.wagate.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code http_server_requests_seconds{method, route, status}}: one timer per route template (never
 * the raw path, whose session names and ids would make a series per value) and status.
 */
public final class HttpMetrics {
    /** The route of a request that matched none: all such requests share one series. */
    public static final String UNMATCHED = "unmatched";

    private record Series(String method, String route, int status) {}

    private final MeterRegistry registry;
    /** Registering looks the timer up by name and tags, which costs more than recording: done once per series. */
    private final ConcurrentHashMap<Series, Timer> timers = new ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String method, String route, int status, Duration elapsed) {
        timers.computeIfAbsent(new Series(method, route == null ? UNMATCHED : route, status), this::timer).record(elapsed);
    }

    private Timer timer(Series series) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests by route template and status")
                .tags("method", series.method(), "route", series.route(), "status", Integer.toString(series.status()))
                .serviceLevelObjectives(Metrics.LATENCY_BUCKETS)
                .register(registry);
    }
}

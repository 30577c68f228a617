package io.wagate.metrics;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wagate.session.SessionStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one Prometheus registry of the server and the parts that feed it: HTTP requests, sessions,
 * messages, webhook deliveries, the WebSocket stream and the JVM. {@link #scrape()} is what
 * {@code GET /metrics} answers.
 */
public final class Metrics implements AutoCloseable {
    /** The Prometheus text format that {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Bucket bounds of the latency histograms: few enough to keep the series per route small. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final SessionGauges sessions;
    private final HttpMetrics http;
    private final MessageCounters messages;
    private final MicrometerWebhookMetrics webhooks;
    private final MicrometerStreamMetrics stream;

    /** {@code engines}: the engines this server runs, whose series exist (at zero) before their first session. */
    public Metrics(Supplier<List<SessionStore.EngineStatusCount>> sessionCounts, List<String> engines) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.sessions = new SessionGauges(registry, sessionCounts, engines);
        this.http = new HttpMetrics(registry);
        this.messages = new MessageCounters(registry, engines);
        this.webhooks = new MicrometerWebhookMetrics(registry);
        this.stream = new MicrometerStreamMetrics(registry);
    }

    public HttpMetrics http() {
        return http;
    }

    /** Counts messages from the event bus; subscribe it there. */
    public MessageCounters messages() {
        return messages;
    }

    public WebhookMetrics webhooks() {
        return webhooks;
    }

    public StreamMetrics stream() {
        return stream;
    }

    /** A cluster node's own series (sessions owned, takeovers, forwarded requests, lease renewals). */
    public void cluster(String node, ClusterGauges.Stats stats) {
        ClusterGauges.bind(registry, node, stats);
    }

    /** Every series in the Prometheus text format, with the session counts read afresh. */
    public String scrape() {
        sessions.refresh();
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}

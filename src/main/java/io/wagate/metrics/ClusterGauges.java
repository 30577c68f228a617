package io.wagate.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * A cluster node's own series: the sessions it holds, how many it took over, the requests it forwarded to
 * other nodes (and those it could not), and how long renewing its leases takes. Read when scraped.
 */
public final class ClusterGauges {
    private static final double NANOS_PER_SECOND = 1e9;

    /** What a node counts, each read when scraped. */
    public record Stats(LongSupplier sessionsOwned, LongSupplier takeovers, LongSupplier forwarded,
                        LongSupplier forwardFailures, LongSupplier renews, LongSupplier renewNanos,
                        LongSupplier lastRenewNanos) {}

    private ClusterGauges() {}

    public static void bind(MeterRegistry registry, String node, Stats stats) {
        Gauge.builder("wagate_cluster_sessions_owned", stats.sessionsOwned()::getAsLong)
                .description("sessions whose lease this node holds").tag("node", node).register(registry);
        FunctionCounter.builder("wagate_cluster_takeovers", stats.takeovers(), s -> s.getAsLong())
                .description("sessions this node took (free, expired, or handed over)").tag("node", node)
                .register(registry);
        FunctionCounter.builder("wagate_cluster_forwarded_requests", stats.forwarded(), s -> s.getAsLong())
                .description("requests answered through the node that runs their session").tag("node", node)
                .tag("outcome", "answered").register(registry);
        FunctionCounter.builder("wagate_cluster_forwarded_requests", stats.forwardFailures(), s -> s.getAsLong())
                .description("requests answered through the node that runs their session").tag("node", node)
                .tag("outcome", "unreachable").register(registry);
        FunctionCounter.builder("wagate_cluster_lease_renewals", stats.renews(), s -> s.getAsLong())
                .description("lease renewals of this node").tag("node", node).register(registry);
        FunctionCounter.builder("wagate_cluster_lease_renew_seconds", stats.renewNanos(),
                        s -> s.getAsLong() / NANOS_PER_SECOND)
                .description("time spent renewing leases (divide by the renewals for the mean)").tag("node", node)
                .register(registry);
        Gauge.builder("wagate_cluster_lease_renew_last_seconds", () -> stats.lastRenewNanos().getAsLong() / NANOS_PER_SECOND)
                .description("how long the last lease renewal took").tag("node", node).register(registry);
    }
}

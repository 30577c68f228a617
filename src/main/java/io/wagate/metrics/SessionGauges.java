package io.wagate.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wagate.engine.SessionStatus;
import io.wagate.session.SessionStore;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code wagate_sessions{engine, status}}: counted by the store once per scrape rather than kept
 * in step with every status change, so the figure can never drift from what the store says.
 */
final class SessionGauges {
    private record Key(String engine, SessionStatus status) {}

    private final MeterRegistry registry;
    private final Supplier<List<SessionStore.EngineStatusCount>> counts;
    private final List<String> engines;
    private final Set<Key> registered = ConcurrentHashMap.newKeySet();
    private volatile Map<Key, Long> latest = Map.of();

    SessionGauges(MeterRegistry registry, Supplier<List<SessionStore.EngineStatusCount>> counts, List<String> engines) {
        this.registry = registry;
        this.counts = counts;
        this.engines = List.copyOf(engines);
        refresh();
    }

    /** Reads the counts; a status or engine seen for the first time gets its series. */
    void refresh() {
        var fresh = new HashMap<Key, Long>();
        var seenEngines = new LinkedHashSet<>(engines);
        for (var count : counts.get()) {
            fresh.put(new Key(count.engine(), count.status()), count.sessions());
            seenEngines.add(count.engine());
        }
        latest = fresh;
        for (String engine : seenEngines) {
            for (var status : SessionStatus.values()) {
                var key = new Key(engine, status);
                if (registered.add(key)) {
                    Gauge.builder("wagate.sessions", () -> latest.getOrDefault(key, 0L))
                            .description("Sessions by engine and status")
                            .tags("engine", engine, "status", status.name())
                            .register(registry);
                }
            }
        }
    }
}

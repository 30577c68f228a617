package io.wagate.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters for {@code GET /stats}. */
public final class Stats {
    final AtomicLong connections = new AtomicLong();
    final AtomicLong openConnections = new AtomicLong();
    final AtomicLong messagesRouted = new AtomicLong();
    final AtomicLong receiptsRouted = new AtomicLong();
    final AtomicLong upgradesRejected = new AtomicLong();
    /** Messages a device refused (its ack carried an error, as Baileys' nack): id → error code; the first 10,000. */
    final Map<String, Integer> nacks = new ConcurrentHashMap<>();

    public void connected() {
        connections.incrementAndGet();
        openConnections.incrementAndGet();
    }

    public void disconnected() {
        openConnections.decrementAndGet();
    }

    public void messageRouted() {
        messagesRouted.incrementAndGet();
    }

    public void receiptRouted() {
        receiptsRouted.incrementAndGet();
    }

    public void nacked(String id, int code) {
        if (nacks.size() < 10_000) {
            nacks.put(id, code);
        }
    }

    public void upgradeRejected() {
        upgradesRejected.incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(connections.get(), openConnections.get(), messagesRouted.get(), receiptsRouted.get(),
                upgradesRejected.get(), Map.copyOf(nacks));
    }

    public record Snapshot(long connections, long openConnections, long messagesRouted, long receiptsRouted,
                           long upgradesRejected, Map<String, Integer> nacks) {}
}

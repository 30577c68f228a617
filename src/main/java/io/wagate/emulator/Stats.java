package io.wagate.emulator;

import java.util.concurrent.atomic.AtomicLong;

/** Counters for {@code GET /stats}. */
public final class Stats {
    final AtomicLong connections = new AtomicLong();
    final AtomicLong openConnections = new AtomicLong();
    final AtomicLong messagesRouted = new AtomicLong();
    final AtomicLong receiptsRouted = new AtomicLong();
    final AtomicLong upgradesRejected = new AtomicLong();

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

    public void upgradeRejected() {
        upgradesRejected.incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(connections.get(), openConnections.get(), messagesRouted.get(), receiptsRouted.get(),
                upgradesRejected.get());
    }

    public record Snapshot(long connections, long openConnections, long messagesRouted, long receiptsRouted,
                           long upgradesRejected) {}
}

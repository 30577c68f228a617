package io.wagate.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagate.config.Config.BaileysConfig;
import io.wagate.engine.EngineException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the bridges running: each starts when a session first needs it, is pinged, and is restarted
 * with backoff when it dies or stops answering; its open sessions are then opened again. While a
 * bridge restarts, calls for its sessions fail at once with UNAVAILABLE (a 503 with a retry hint).
 */
final class BridgeSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BridgeSupervisor.class);
    private static final Duration RESTART_MIN = Duration.ofMillis(250);
    private static final Duration RESTART_MAX = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /**
     * Pings missed in a row before a bridge counts as hung: one can be lost to a long GC pause or a busy
     * machine, and a restart drops every session on the bridge.
     */
    static final int MISSED_PINGS_LIMIT = 3;

    /** What the supervisor needs from the engine. */
    interface Owner {
        Object onRequest(String method, JsonNode params);

        void onNotification(String method, JsonNode params);

        /** The session is being opened again on a new bridge process. */
        void reopening(String sessionId);
    }

    private final BaileysConfig config;
    private final Path mediaDir;
    private final ObjectMapper mapper;
    private final Owner owner;
    private final List<Slot> slots = new ArrayList<>();
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("bridge-supervisor").daemon().factory());
    private final SessionWrites writes = new SessionWrites(Thread::startVirtualThread);
    private volatile boolean closing;

    BridgeSupervisor(BaileysConfig config, Path mediaDir, ObjectMapper mapper, Owner owner) {
        this.config = config;
        this.mediaDir = mediaDir;
        this.mapper = mapper;
        this.owner = owner;
        for (int i = 0; i < config.bridges(); i++) {
            slots.add(new Slot("bridge-" + i));
        }
        long ping = config.pingInterval().toMillis();
        timers.scheduleWithFixedDelay(this::pingAll, ping, ping, TimeUnit.MILLISECONDS);
    }

    /** Opens the session on its bridge (starting the bridge if need be); it is re-opened after restarts. */
    JsonNode open(String sessionId, Map<String, Object> params) {
        var slot = slotFor(sessionId);
        var answer = slot.process().call("session.open", params, config.requestTimeout());
        slot.open.put(sessionId, params);
        return answer;
    }

    /** Closes the session if its bridge runs; either way it is not re-opened any more. */
    void close(String sessionId, String method) {
        var slot = slotFor(sessionId);
        slot.open.remove(sessionId);
        var process = slot.current;
        if (process != null && process.alive()) {
            try {
                process.call(method, Map.of("session", sessionId), config.requestTimeout());
            } catch (EngineException e) {
                log.warn("session {} may not have closed on {}: {}", sessionId, slot.label, e.getMessage());
            }
        }
    }

    /** The session failed for good (logged out, banned, QR timeout): nothing to re-open. */
    void forget(String sessionId) {
        slotFor(sessionId).open.remove(sessionId);
    }

    JsonNode call(String sessionId, String method, Map<String, Object> params, Duration timeout) {
        return slotFor(sessionId).process().call(method, params, timeout);
    }

    Duration requestTimeout() {
        return config.requestTimeout();
    }

    /** "bridge-0 up (pid 123, 2 sessions)" for each bridge. */
    String describe() {
        var parts = new ArrayList<String>();
        for (var slot : slots) {
            var process = slot.current;
            parts.add(slot.label + (process != null && process.alive()
                    ? " up (pid " + process.pid() + ", " + slot.open.size() + " sessions)"
                    : slot.restarting ? " restarting" : " not started"));
        }
        return String.join(", ", parts);
    }

    /** The pids of the running bridges (tests kill them). */
    List<Long> pids() {
        return slots.stream().map(s -> s.current).filter(p -> p != null && p.alive()).map(BridgeProcess::pid).toList();
    }

    boolean healthy() {
        return !closing && slots.stream().noneMatch(s -> s.restarting);
    }

    private Slot slotFor(String sessionId) {
        return slots.get(Math.floorMod(sessionId.hashCode(), slots.size()));
    }

    private void pingAll() {
        for (var slot : slots) {
            var process = slot.current;
            if (process == null || !process.alive() || closing) {
                continue;
            }
            try {
                process.call("ping", Map.of(), config.pingInterval().compareTo(Duration.ofSeconds(5)) < 0
                        ? config.pingInterval() : Duration.ofSeconds(5));
                slot.failures = 0;
                slot.missedPings = 0;
            } catch (RuntimeException e) {
                int missed = ++slot.missedPings;
                if (missed < MISSED_PINGS_LIMIT) {
                    log.warn("{} missed a ping ({} of {} in a row): {}", slot.label, missed, MISSED_PINGS_LIMIT,
                            e.getMessage());
                } else {
                    log.warn("{} did not answer {} pings in a row ({}); restarting it", slot.label, missed,
                            e.getMessage());
                    slot.missedPings = 0;
                    process.kill();
                }
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        timers.shutdownNow();
        for (var slot : slots) {
            var process = slot.current;
            if (process != null) {
                process.shutdown(SHUTDOWN_GRACE);
            }
        }
    }

    /** One bridge process and the sessions open on it. */
    private final class Slot {
        final String label;
        final Map<String, Map<String, Object>> open = new ConcurrentHashMap<>();
        volatile BridgeProcess current;
        volatile boolean restarting;
        int failures;
        /** Only the ping timer reads and writes it. */
        int missedPings;

        Slot(String label) {
            this.label = label;
        }

        /** The running process: started on first use; UNAVAILABLE while it restarts. */
        synchronized BridgeProcess process() {
            if (closing) {
                throw new EngineException(EngineException.Reason.UNAVAILABLE, "wagate is shutting down");
            }
            if (current != null && !current.alive()) {
                // Dead before its exit was reported: restart it the same way.
                exited(current);
            }
            if (restarting) {
                throw new EngineException(EngineException.Reason.UNAVAILABLE,
                        "the Baileys bridge is restarting; retry in a few seconds");
            }
            if (current == null) {
                current = launch();
            }
            return current;
        }

        private BridgeProcess launch() {
            var holder = new BridgeProcess[1];
            holder[0] = BridgeProcess.start(label, config, mediaDir, mapper, owner::onRequest, owner::onNotification,
                    writes, () -> exited(holder[0]));
            return holder[0];
        }

        private synchronized void exited(BridgeProcess process) {
            if (closing || process == null || process != current || restarting) {
                return;
            }
            current = null;
            restarting = true;
            scheduleRestart("it exited");
        }

        private void scheduleRestart(String why) {
            long base = Math.min(RESTART_MAX.toMillis(), RESTART_MIN.toMillis() << Math.min(failures, 16));
            long delay = base + ThreadLocalRandom.current().nextLong(base / 4 + 1);
            failures++;
            log.warn("{} is down ({}); restarting in {} ms with {} sessions to re-open", label, why, delay,
                    open.size());
            timers.schedule(() -> Thread.startVirtualThread(this::restart), delay, TimeUnit.MILLISECONDS);
        }

        private void restart() {
            BridgeProcess process;
            synchronized (this) {
                if (closing) {
                    return;
                }
                try {
                    process = launch();
                    current = process;
                } catch (RuntimeException e) {
                    scheduleRestart("could not start: " + e.getMessage());
                    return;
                }
                restarting = false;
            }
            for (var entry : open.entrySet()) {
                owner.reopening(entry.getKey());
                try {
                    process.call("session.open", entry.getValue(), config.requestTimeout());
                } catch (RuntimeException e) {
                    log.error("{}: session {} could not be re-opened: {}", label, entry.getKey(), e.getMessage());
                }
            }
        }
    }
}

package io.wagate.webhook;

import io.wagate.session.Session;
import io.wagate.session.SessionService;
import io.wagate.webhook.Delivery.Attempted;
import io.wagate.webhook.Delivery.LaneKey;
import io.wagate.webhook.Delivery.Queued;
import io.wagate.webhook.Delivery.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds. Deliveries of one lane (session, webhook, chat) go one after another in the order
 * they were stored, each retried until it is delivered or dead before the next is sent; lanes run side by side on
 * virtual threads, at most {@code concurrencyPerTarget} of them in flight to one webhook URL, so a slow or dead
 * receiver holds up only its own lanes.
 *
 * <p>New deliveries reach their lane in memory the moment they are committed (no polling on the hot path). Memory
 * is bounded: a lane holds at most {@link #LANE_LIMIT} deliveries and all lanes together about
 * {@link #MEMORY_BUDGET} bytes of bodies; beyond that a lane is marked as overflowing and reads its next
 * deliveries from the store when it gets to them. Lanes with pending rows that nobody holds (after a restart)
 * are found by a sweep of the store at start-up and every {@link #SWEEP_INTERVAL}.
 */
final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final int LANE_LIMIT = 1000;
    static final long MEMORY_BUDGET = 64L * 1024 * 1024;
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);
    static final Duration STOP_GRACE = Duration.ofSeconds(3);

    /** One lane's queue. Guarded by its own monitor; created and retired inside {@code lanes.compute}. */
    private static final class Lane {
        final LaneKey key;
        final ArrayDeque<Queued> queue = new ArrayDeque<>();
        /** Pending rows of this lane exist in the store beyond those in {@link #queue}. */
        boolean overflow;
        /** The highest seq ever put in {@link #queue}: a reload continues after it. */
        long afterSeq = -1;

        Lane(LaneKey key) {
            this.key = key;
        }
    }

    private final DeliveryStore store;
    private final OutboxWriter writer;
    private final WebhookSender sender;
    private final SessionService sessions;
    private final Subscriptions subscriptions;
    private final DeliveryObserver observer;
    private final Clock clock;
    private final int concurrencyPerTarget;
    private final Map<LaneKey, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> inFlightPerUrl = new ConcurrentHashMap<>();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    /** Workers with a request in flight: a clean stop lets them finish, so their outcome is recorded. */
    private final Set<Thread> sending = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesHeld = new AtomicLong();
    private volatile boolean closed;

    /** Whether this node runs the session: only its owner sends a lane's deliveries (in a cluster, its lease holder). */
    private final Predicate<String> runsHere;

    Dispatcher(DeliveryStore store, WebhookSender sender, SessionService sessions, Subscriptions subscriptions,
               DeliveryObserver observer, Clock clock, int concurrencyPerTarget, Predicate<String> runsHere) {
        this.runsHere = runsHere;
        this.store = store;
        this.writer = new OutboxWriter(store, clock, this::accept);
        this.sender = sender;
        this.sessions = sessions;
        this.subscriptions = subscriptions;
        this.observer = observer;
        this.clock = clock;
        this.concurrencyPerTarget = concurrencyPerTarget;
    }

    OutboxWriter writer() {
        return writer;
    }

    /** Deliveries just committed, in commit order; called on the writer's thread. */
    private void accept(List<Queued> rows) {
        for (var row : rows) {
            Lane[] started = {null};
            lanes.compute(row.lane, (key, lane) -> {
                var target = lane == null ? new Lane(key) : lane;
                synchronized (target) {
                    if (!target.overflow) {
                        if (target.queue.size() < LANE_LIMIT && reserve(row)) {
                            target.queue.addLast(row);
                            target.afterSeq = row.seq;
                        } else {
                            target.overflow = true;
                        }
                    }
                }
                started[0] = lane == null ? target : null;
                return target;
            });
            if (started[0] != null) {
                startWorker(started[0]);
            }
        }
    }

    /** Finds lanes with pending deliveries that no worker holds (all of them after a restart) and starts them. */
    void sweep() {
        if (closed) {
            return;
        }
        List<LaneKey> pending;
        try {
            pending = store.pendingLanes();
        } catch (RuntimeException e) {
            log.warn("the webhook outbox could not be swept", e);
            return;
        }
        for (var key : pending) {
            if (!runsHere.test(key.sessionId())) {
                // Another node runs the session, and sends its deliveries; or nobody does yet, and the next owner will.
                continue;
            }
            Lane[] started = {null};
            lanes.computeIfAbsent(key, k -> {
                var lane = new Lane(k);
                lane.overflow = true;
                started[0] = lane;
                return lane;
            });
            if (started[0] != null) {
                startWorker(started[0]);
            }
        }
    }

    private void startWorker(Lane lane) {
        if (closed) {
            return;
        }
        Thread.ofVirtual().name("webhook-lane").start(() -> {
            workers.add(Thread.currentThread());
            try {
                work(lane);
            } catch (InterruptedException e) {
                // closing: what was not delivered stays pending in the store
            } catch (HandedOver e) {
                // The session moved to another node: its sweep takes the lane on from the store, in order.
                lanes.remove(lane.key, lane);
                drop(lane, Integer.MAX_VALUE);
            } catch (RuntimeException e) {
                log.error("a webhook lane stopped on an unexpected failure; the next sweep restarts it", e);
                lanes.remove(lane.key, lane);
                drop(lane, Integer.MAX_VALUE);
            } finally {
                workers.remove(Thread.currentThread());
            }
        });
    }

    private void work(Lane lane) throws InterruptedException {
        while (!closed) {
            Queued head;
            boolean reload;
            synchronized (lane) {
                head = lane.queue.peekFirst();
                reload = head == null && lane.overflow;
            }
            if (head != null) {
                deliver(lane, head);
            } else if (reload) {
                reload(lane);
            } else if (retire(lane)) {
                return;
            }
        }
    }

    /** Removes an empty lane from the map, unless a delivery arrived meanwhile. */
    private boolean retire(Lane lane) {
        // Null: removed here (a working lane is in the map until its worker retires it, so never absent before).
        return lanes.computeIfPresent(lane.key, (key, current) -> {
            synchronized (current) {
                return current == lane && current.queue.isEmpty() && !current.overflow ? null : current;
            }
        }) == null;
    }

    private void reload(Lane lane) throws InterruptedException {
        long afterSeq;
        synchronized (lane) {
            afterSeq = lane.afterSeq;
        }
        long room = MEMORY_BUDGET - bytesHeld.get();
        // With the budget spent, one at a time, so that every lane still moves.
        int limit = room <= 0 ? 1 : LANE_LIMIT;
        var loaded = writer.reload(lane.key, afterSeq, limit, rows -> {
            synchronized (lane) {
                for (var row : rows) {
                    bytesHeld.addAndGet(row.weight());
                    lane.queue.addLast(row);
                    lane.afterSeq = row.seq;
                }
                lane.overflow = rows.size() == limit;
            }
        });
        try {
            loaded.get();
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("webhook deliveries could not be read; trying again in {}", SWEEP_INTERVAL, e.getCause());
            Thread.sleep(SWEEP_INTERVAL);
        }
    }

    private void deliver(Lane lane, Queued head) throws InterruptedException {
        if (head.dueNanos == Queued.DUE_FROM_STORE) {
            // Read from the store: its due time is wall-clock; from here on the monotonic clock counts.
            head.dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, head.dueAt - clock.millis()));
        }
        long wait = head.dueNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        if (!runsHere.test(lane.key.sessionId())) {
            throw new HandedOver();
        }
        Optional<Session> session = sessions.byId(lane.key.sessionId());
        if (session.isEmpty()) {
            // Deleted: its rows went with it.
            drop(lane, Integer.MAX_VALUE);
            subscriptions.forget(lane.key.sessionId());
            return;
        }
        var target = subscriptions.target(session.get(), lane.key.url());
        if (target.isEmpty()) {
            // The webhook was removed; what it had pending goes with it.
            writer.delete(head.id);
            drop(lane, 1);
            return;
        }
        var permits = inFlightPerUrl.computeIfAbsent(lane.key.url(), url -> new Semaphore(concurrencyPerTarget));
        permits.acquire();
        long started = System.nanoTime();
        WebhookSender.Outcome outcome;
        sending.add(Thread.currentThread());
        try {
            if (closed) {
                return;
            }
            outcome = sender.send(target.get(), head);
        } catch (RuntimeException e) {
            log.error("webhook delivery {} failed unexpectedly", head.id, e);
            outcome = new WebhookSender.Outcome.Failed(Optional.empty(), "internal error: " + e, Optional.empty());
        } finally {
            sending.remove(Thread.currentThread());
            permits.release();
        }
        var took = Duration.ofNanos(System.nanoTime() - started);
        finish(lane, head, target.get(), outcome, took);
    }

    private void finish(Lane lane, Queued head, Target target, WebhookSender.Outcome outcome, Duration took) {
        long now = clock.millis();
        int attempts = head.attempts + 1;
        switch (outcome) {
            case WebhookSender.Outcome.Delivered delivered -> {
                writer.record(new Attempted(head.id, Status.DELIVERED, attempts, now, now, delivered.status(), null));
                drop(lane, 1);
                observer.onAttempt(DeliveryObserver.Result.DELIVERED, took,
                        Optional.of(Duration.ofMillis(Math.max(0, now - head.eventAt))));
            }
            case WebhookSender.Outcome.Failed failed -> {
                String error = failed.reason();
                if (target.retries().exhausted(attempts)) {
                    writer.record(new Attempted(head.id, Status.FAILED, attempts, now, now,
                            failed.status().orElse(null), error));
                    drop(lane, 1);
                    log.warn("webhook delivery {} of {} to {} failed for good after {} attempts: {}", head.id,
                            head.eventName, target.url(), attempts, error);
                    observer.onAttempt(DeliveryObserver.Result.DEAD, took, Optional.empty());
                } else {
                    var delay = target.retries().delay(attempts, failed.retryAfter(), ThreadLocalRandom.current());
                    head.attempts = attempts;
                    head.dueAt = now + delay.toMillis();
                    head.dueNanos = System.nanoTime() + delay.toNanos();
                    writer.record(new Attempted(head.id, Status.PENDING, attempts, head.dueAt, now,
                            failed.status().orElse(null), error));
                    observer.onAttempt(DeliveryObserver.Result.RETRYING, took, Optional.empty());
                }
            }
        }
    }

    /** Takes up to {@code count} deliveries off the front of the lane. */
    /** A lane whose session this node no longer runs. */
    private static final class HandedOver extends RuntimeException {
        HandedOver() {
            super(null, null, false, false);
        }
    }

    private void drop(Lane lane, int count) {
        synchronized (lane) {
            for (int i = 0; i < count && !lane.queue.isEmpty(); i++) {
                bytesHeld.addAndGet(-lane.queue.removeFirst().weight());
            }
        }
    }

    private boolean reserve(Queued row) {
        long weight = row.weight();
        if (bytesHeld.addAndGet(weight) > MEMORY_BUDGET) {
            bytesHeld.addAndGet(-weight);
            return false;
        }
        return true;
    }

    /**
     * Stops sending: waiting lanes stop at once, requests in flight get up to {@link #STOP_GRACE} to finish so
     * their outcome is recorded; what is cut off then stays pending and is sent again after the next start.
     */
    @Override
    public void close() {
        closed = true;
        workers.stream().filter(w -> !sending.contains(w)).forEach(Thread::interrupt);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (var worker : List.copyOf(workers)) {
            try {
                if (!worker.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    worker.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        writer.close();
        sender.close();
    }
}

package io.wagate.webhook;

import io.wagate.store.WriterConnection;
import io.wagate.webhook.Delivery.Attempted;
import io.wagate.webhook.Delivery.LaneKey;
import io.wagate.webhook.Delivery.Queued;
import io.wagate.webhook.Delivery.Status;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the outbox. Everything that changes it (new deliveries, attempts, re-plays) and the reads that must see it
 * in order (a lane reloading) queue up here and run in that order, under one lock. Whoever finds the lock free
 * writes everything queued so far in one transaction (group commit by flat combining): an event's thread stores
 * its own deliveries without handing them to another thread, and under load a burst of events costs a few commits,
 * not one each. Attempts nobody waits for are written by a background thread (or by the next writer that passes).
 *
 * <p>Because {@code seq} is assigned and committed deliveries are handed to the dispatcher under the same lock, a
 * lane sees its deliveries in commit order, and a reload never misses or repeats one.
 */
final class OutboxWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);
    private static final int MAX_BATCH = 512;
    static final int PRUNE_CHUNK = 1000;
    private static final Duration LINGER = Duration.ofMillis(5);

    private sealed interface Op {}

    private record Insert(List<Queued> rows, CompletableFuture<Void> done) implements Op {}

    private record RecordAttempt(Attempted attempt) implements Op {}

    private record Delete(String id) implements Op {}

    private record DeletePending(String sessionId, String url, CompletableFuture<Integer> done) implements Op {}

    private record Reload(LaneKey lane, long afterSeq, int limit, Consumer<List<Queued>> then,
                          CompletableFuture<Void> done) implements Op {}

    private record Requeue(String sessionId, String id, CompletableFuture<Optional<Queued>> done) implements Op {}

    private record Prune(Status status, String beforeId, CompletableFuture<Integer> done) implements Op {}

    private final DeliveryStore store;
    /** Guarded by {@link #lock}. */
    private final WriterConnection connection;
    private final Clock clock;
    /** Where committed deliveries go, under the lock, in commit order: the dispatcher's lanes. */
    private final Consumer<List<Queued>> committed;
    private final Queue<Op> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread background;
    private volatile boolean stopped;
    /** Guarded by {@link #lock}. */
    private long lastSeq;

    OutboxWriter(DeliveryStore store, Clock clock, Consumer<List<Queued>> committed) {
        this.store = store;
        this.connection = new WriterConnection(store.jdbi(), "webhook outbox");
        this.clock = clock;
        this.committed = committed;
        this.background = Thread.ofPlatform().name("webhook-outbox-writer").daemon().unstarted(this::background);
    }

    void start() {
        lock.lock();
        try {
            lastSeq = store.maxSeq();
        } finally {
            lock.unlock();
        }
        background.start();
    }

    /** Stores new deliveries; the future completes once they are committed and queued for sending. */
    CompletableFuture<Void> insert(List<Queued> rows) {
        var done = new CompletableFuture<Void>();
        submit(new Insert(rows, done), done);
        return done;
    }

    /** Records an attempt; nothing waits for it (a crash before the commit at worst repeats a delivery). */
    void record(Attempted attempt) {
        submit(new RecordAttempt(attempt), null);
    }

    void delete(String id) {
        submit(new Delete(id), null);
    }

    CompletableFuture<Integer> deletePending(String sessionId, String url) {
        var done = new CompletableFuture<Integer>();
        submit(new DeletePending(sessionId, url, done), done);
        return done;
    }

    /**
     * Reads a lane's next pending deliveries after everything queued before this call is committed, and gives
     * them to {@code then} under the writer's lock, before any delivery committed later reaches the lane.
     */
    CompletableFuture<Void> reload(LaneKey lane, long afterSeq, int limit, Consumer<List<Queued>> then) {
        var done = new CompletableFuture<Void>();
        submit(new Reload(lane, afterSeq, limit, then, done), done);
        return done;
    }

    /** Makes a finished delivery pending again, the newest of its lane; empty when it is pending or missing. */
    CompletableFuture<Optional<Queued>> requeue(String sessionId, String id) {
        var done = new CompletableFuture<Optional<Queued>>();
        submit(new Requeue(sessionId, id, done), done);
        return done;
    }

    /** Deletes up to {@link #PRUNE_CHUNK} finished rows of {@code status} made before {@code beforeId}. */
    CompletableFuture<Integer> prune(Status status, String beforeId) {
        var done = new CompletableFuture<Integer>();
        submit(new Prune(status, beforeId, done), done);
        return done;
    }

    /** Queues an op; one that someone waits for ({@code done}) is written now, by this thread if the lock is free. */
    private void submit(Op op, CompletableFuture<?> done) {
        if (stopped) {
            if (done != null) {
                done.completeExceptionally(new IllegalStateException("the webhook outbox is closed"));
            }
            return;
        }
        queue.add(op);
        if (done != null) {
            combine();
        } else {
            LockSupport.unpark(background);
        }
    }

    /**
     * Writes whatever is queued, batch by batch, while the lock is free. A thread that finds it taken leaves its op
     * to the holder, who looks at the queue again after unlocking, so no op is left behind.
     */
    private void combine() {
        while (!queue.isEmpty() && lock.tryLock()) {
            try {
                var batch = new ArrayList<Op>();
                for (Op op; batch.size() < MAX_BATCH && (op = queue.poll()) != null; ) {
                    batch.add(op);
                }
                if (!batch.isEmpty()) {
                    execute(batch);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Writes the attempts nobody waits for, after letting them gather for {@link #LINGER}: one commit for many
     * (a crash in that window at worst sends those deliveries once more).
     */
    private void background() {
        while (!stopped) {
            combine();
            LockSupport.park(this);
            try {
                Thread.sleep(LINGER);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * One transaction for the batch; if it fails, each op alone, so one bad op fails only itself. A read at the
     * start of a batch runs first on its own: a transaction that begins with a read cannot always become a write
     * one on SQLite (another writer may have committed meanwhile).
     */
    private void execute(List<Op> batch) {
        int start = 0;
        while (start < batch.size() - 1 && batch.get(start) instanceof Reload) {
            transaction(List.of(batch.get(start++)));
        }
        transaction(start == 0 ? batch : batch.subList(start, batch.size()));
    }

    private void transaction(List<Op> batch) {
        var after = new ArrayList<Runnable>(batch.size());
        var h = connection.handle();
        try {
            h.begin();
            for (int i = 0; i < batch.size(); ) {
                if (batch.get(i) instanceof RecordAttempt) {
                    // The common case under load: many attempts in a row, one batch of one statement for them.
                    var attempts = new ArrayList<Attempted>();
                    for (; i < batch.size() && batch.get(i) instanceof RecordAttempt record; i++) {
                        attempts.add(record.attempt());
                    }
                    DeliveryStore.record(connection.prepared(DeliveryStore.RECORD), attempts);
                } else {
                    after.add(apply(h, batch.get(i++)));
                }
            }
            h.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            if (batch.size() == 1) {
                fail(batch.getFirst(), e instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("the webhook outbox could not be written", e));
                return;
            }
            for (var op : batch) {
                transaction(List.of(op));
            }
            return;
        }
        for (var then : after) {
            try {
                then.run();
            } catch (RuntimeException e) {
                log.error("a webhook outbox step failed after its commit", e);
            }
        }
    }

    /** Runs one op inside the transaction and returns what to do once it is committed. */
    private Runnable apply(Handle h, Op op) throws SQLException {
        long now = clock.millis();
        return switch (op) {
            case Insert insert -> {
                var rows = new ArrayList<Queued>(insert.rows().size());
                for (var row : insert.rows()) {
                    rows.add(new Queued(row.id, row.lane, ++lastSeq, row.eventId, row.eventName, row.eventAt,
                            row.body, 0, row.dueAt));
                }
                DeliveryStore.insert(connection.prepared(DeliveryStore.INSERT), rows, now);
                yield () -> {
                    committed.accept(rows);
                    insert.done().complete(null);
                };
            }
            case RecordAttempt record -> {
                DeliveryStore.record(connection.prepared(DeliveryStore.RECORD), List.of(record.attempt()));
                yield () -> { };
            }
            case Delete delete -> {
                store.delete(h, delete.id());
                yield () -> { };
            }
            case DeletePending drop -> {
                int deleted = store.deletePending(h, drop.sessionId(), drop.url());
                yield () -> drop.done().complete(deleted);
            }
            case Reload reload -> {
                var rows = store.lane(h, reload.lane(), reload.afterSeq(), reload.limit());
                yield () -> {
                    reload.then().accept(rows);
                    reload.done().complete(null);
                };
            }
            case Requeue requeue -> {
                var row = store.requeue(h, requeue.sessionId(), requeue.id(), ++lastSeq, now);
                yield () -> {
                    row.ifPresent(r -> committed.accept(List.of(r)));
                    requeue.done().complete(row);
                };
            }
            case Prune prune -> {
                int deleted = store.prune(h, prune.status(), prune.beforeId(), PRUNE_CHUNK);
                yield () -> prune.done().complete(deleted);
            }
        };
    }

    private static void fail(Op op, RuntimeException e) {
        switch (op) {
            case Insert insert -> insert.done().completeExceptionally(e);
            case DeletePending drop -> drop.done().completeExceptionally(e);
            case Reload reload -> reload.done().completeExceptionally(e);
            case Requeue requeue -> requeue.done().completeExceptionally(e);
            case Prune prune -> prune.done().completeExceptionally(e);
            case RecordAttempt record -> log.warn("the attempt of webhook delivery {} could not be recorded",
                    record.attempt().id(), e);
            case Delete delete -> log.warn("webhook delivery {} could not be deleted", delete.id(), e);
        }
    }

    /** Writes everything queued so far; later ops fail (or, for attempts, are dropped: they are sent again). */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        LockSupport.unpark(background);
        try {
            background.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        combine();
        lock.lock();
        try {
            connection.close();
        } finally {
            lock.unlock();
        }
    }
}

package io.wagate.webhook;

import io.wagate.webhook.Delivery.Attempted;
import io.wagate.webhook.Delivery.LaneKey;
import io.wagate.webhook.Delivery.Queued;
import io.wagate.webhook.Delivery.Status;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the outbox. Everything that changes it (new deliveries, attempts, re-plays) and
 * the reads that must see it in order (a lane reloading) queue up here and run in that order; whatever is
 * waiting when the thread comes round is committed in one transaction (group commit), so a burst of events
 * costs a few commits, not one each, and SQLite's single writer is never fought over by the outbox itself.
 *
 * <p>Because this thread also assigns {@code seq} and hands committed deliveries to the dispatcher, a lane
 * sees its deliveries in commit order, and a reload never misses or repeats one.
 */
final class OutboxWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);
    private static final int MAX_BATCH = 512;
    private static final int PRUNE_CHUNK = 1000;

    private sealed interface Op {}

    private record Insert(List<Queued> rows, CompletableFuture<Void> done) implements Op {}

    private record Record(Attempted attempt) implements Op {}

    private record Delete(String id) implements Op {}

    private record DeletePending(String sessionId, String url, CompletableFuture<Integer> done) implements Op {}

    private record Reload(LaneKey lane, long afterSeq, int limit, Consumer<List<Queued>> then,
                          CompletableFuture<Void> done) implements Op {}

    private record Requeue(String sessionId, String id, CompletableFuture<Optional<Queued>> done) implements Op {}

    private record Prune(Status status, long before, CompletableFuture<Integer> done, int deletedSoFar)
            implements Op {}

    private record Stop() implements Op {}

    private final DeliveryStore store;
    private final Clock clock;
    /** Where committed deliveries go, on this thread, in commit order: the dispatcher's lanes. */
    private final Consumer<List<Queued>> committed;
    private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopped;
    private long lastSeq;

    OutboxWriter(DeliveryStore store, Clock clock, Consumer<List<Queued>> committed) {
        this.store = store;
        this.clock = clock;
        this.committed = committed;
        this.thread = Thread.ofPlatform().name("webhook-outbox-writer").daemon().unstarted(this::run);
    }

    void start() {
        lastSeq = store.maxSeq();
        thread.start();
    }

    /** Stores new deliveries; the future completes once they are committed and queued for sending. */
    CompletableFuture<Void> insert(List<Queued> rows) {
        var done = new CompletableFuture<Void>();
        submit(new Insert(rows, done), done);
        return done;
    }

    /** Records an attempt; nothing waits for it (a crash before the commit at worst repeats a delivery). */
    void record(Attempted attempt) {
        submit(new Record(attempt), null);
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
     * them to {@code then} on this thread, before any delivery committed later reaches the lane.
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

    /** Deletes the rows of {@code status} finished before {@code before}, a chunk per transaction. */
    CompletableFuture<Integer> prune(Status status, long before) {
        var done = new CompletableFuture<Integer>();
        submit(new Prune(status, before, done, 0), done);
        return done;
    }

    private void submit(Op op, CompletableFuture<?> done) {
        if (stopped) {
            if (done != null) {
                done.completeExceptionally(new IllegalStateException("the webhook outbox is closed"));
            }
            return;
        }
        queue.add(op);
    }

    private void run() {
        var batch = new ArrayList<Op>();
        boolean stopping = false;
        while (true) {
            Op first;
            try {
                // Once told to stop, only what is already queued is written.
                first = stopping ? queue.poll() : queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                return;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping |= batch.removeIf(op -> op instanceof Stop);
            if (!batch.isEmpty()) {
                execute(batch);
            }
            batch.clear();
        }
    }

    /** One transaction for the batch; if it fails, each op alone, so one bad op fails only itself. */
    private void execute(List<Op> batch) {
        var after = new ArrayList<Runnable>(batch.size());
        try {
            store.jdbi().useTransaction(h -> {
                after.clear();
                for (var op : batch) {
                    after.add(apply(h, op));
                }
            });
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                fail(batch.getFirst(), e);
                return;
            }
            for (var op : batch) {
                execute(List.of(op));
            }
            return;
        }
        after.forEach(Runnable::run);
    }

    /** Runs one op inside the transaction and returns what to do once it is committed. */
    private Runnable apply(Handle h, Op op) {
        long now = clock.millis();
        return switch (op) {
            case Insert insert -> {
                var rows = new ArrayList<Queued>(insert.rows().size());
                for (var row : insert.rows()) {
                    rows.add(new Queued(row.id, row.lane, ++lastSeq, row.eventId, row.eventName, row.eventAt,
                            row.body, 0, row.dueAt));
                }
                store.insert(h, rows, now);
                yield () -> {
                    committed.accept(rows);
                    insert.done().complete(null);
                };
            }
            case Record record -> {
                store.record(h, record.attempt());
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
                int deleted = store.prune(h, prune.status(), prune.before(), PRUNE_CHUNK);
                int total = prune.deletedSoFar() + deleted;
                yield () -> {
                    if (deleted == PRUNE_CHUNK) {
                        // More to go: later, in its own transaction, so new events are not held up meanwhile.
                        submit(new Prune(prune.status(), prune.before(), prune.done(), total), prune.done());
                    } else {
                        prune.done().complete(total);
                    }
                };
            }
            case Stop stop -> () -> { };
        };
    }

    private static void fail(Op op, RuntimeException e) {
        switch (op) {
            case Insert insert -> insert.done().completeExceptionally(e);
            case DeletePending drop -> drop.done().completeExceptionally(e);
            case Reload reload -> reload.done().completeExceptionally(e);
            case Requeue requeue -> requeue.done().completeExceptionally(e);
            case Prune prune -> prune.done().completeExceptionally(e);
            case Record record -> log.warn("the attempt of webhook delivery {} could not be recorded",
                    record.attempt().id(), e);
            case Delete delete -> log.warn("webhook delivery {} could not be deleted", delete.id(), e);
            case Stop stop -> { }
        }
    }

    /** Commits everything queued so far and stops the thread. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        queue.add(new Stop());
        try {
            thread.join(java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

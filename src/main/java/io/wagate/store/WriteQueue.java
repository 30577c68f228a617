package io.wagate.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.HandleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes of the busiest tables, applied by one thread in submission order, many to a
 * transaction (group commit). Engines report events while holding their session's lock; a write
 * queued here costs them microseconds instead of a commit, and SQLite never sees two writers of
 * these tables fight over its lock (which it settles by sleeping, the cause of long tail latencies).
 *
 * <p>Durability is kept where it is promised: {@link #awaitingWrites} runs an action and returns
 * only once every write it queued is committed, so a send is answered after its message (and its
 * webhook deliveries) are in the store. Writes queued outside such a scope are committed within
 * one batch; a {@code kill -9} can lose at most the batch in flight.
 */
public final class WriteQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriteQueue.class);
    private static final int MAX_BATCH = 512;

    private record Write(HandleConsumer<RuntimeException> work, CompletableFuture<Void> done) {}

    private final Jdbi jdbi;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    /** The writes queued by the current thread inside {@link #awaitingWrites}; null outside one. */
    private final ThreadLocal<List<CompletableFuture<Void>>> scope = new ThreadLocal<>();
    private final Thread writer;
    private volatile boolean closed;

    public WriteQueue(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.writer = Thread.ofPlatform().name("wagate-store-writer").daemon().start(this::run);
    }

    /** Queues a write; inside {@link #awaitingWrites} the scope waits for it. */
    public CompletableFuture<Void> submit(HandleConsumer<RuntimeException> work) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        var write = new Write(work, new CompletableFuture<>());
        queue.add(write);
        var collected = scope.get();
        if (collected != null) {
            collected.add(write.done());
        }
        return write.done();
    }

    /**
     * Runs {@code action} and returns its result once every write it queued on this thread is
     * committed; a write that failed fails the action.
     */
    public <T> T awaitingWrites(Supplier<T> action) {
        if (scope.get() != null) {
            return action.get(); // the outer scope waits
        }
        var collected = new ArrayList<CompletableFuture<Void>>();
        scope.set(collected);
        T result;
        try {
            result = action.get();
        } finally {
            scope.remove();
        }
        try {
            CompletableFuture.allOf(collected.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        return result;
    }

    private void run() {
        var batch = new ArrayList<Write>();
        while (!closed || !queue.isEmpty()) {
            try {
                var first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                apply(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void apply(List<Write> batch) {
        try {
            jdbi.useTransaction(h -> batch.forEach(write -> write.work().useHandle(h)));
            batch.forEach(write -> write.done().complete(null));
        } catch (RuntimeException batchFailure) {
            // One bad write must not take the others with it: apply them one by one.
            for (var write : batch) {
                try {
                    jdbi.useTransaction(h -> write.work().useHandle(h));
                    write.done().complete(null);
                } catch (RuntimeException e) {
                    log.error("a store write failed", e);
                    write.done().completeExceptionally(e);
                }
            }
        }
    }

    /** Commits what is queued, then stops. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var unwritten = new ArrayList<Write>();
        queue.drainTo(unwritten);
        unwritten.forEach(write -> write.done().completeExceptionally(new IllegalStateException("the store is closed")));
    }

    /** For tests and shutdown paths: waits until everything queued so far is committed. */
    public void flush() {
        submit(h -> { }).join();
    }
}

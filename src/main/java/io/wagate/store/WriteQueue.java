package io.wagate.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
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
 *
 * <p>The writer keeps one connection of the pool for itself, with its statements prepared once.
 */
public final class WriteQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriteQueue.class);
    private static final int MAX_BATCH = 512;

    /** A write, run on the writer thread inside the batch's transaction. */
    @FunctionalInterface
    private interface Work {
        void apply(Handle handle, WriterConnection connection) throws SQLException;
    }

    /** Sets the parameters of a prepared statement. */
    @FunctionalInterface
    public interface Binding {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private record Write(Work work, CompletableFuture<Void> done) {}

    private final WriterConnection connection;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    /** The writes queued by the current thread inside {@link #awaitingWrites}; null outside one. */
    private final ThreadLocal<List<CompletableFuture<Void>>> scope = new ThreadLocal<>();
    private final Thread writer;
    private volatile boolean closed;

    public WriteQueue(Jdbi jdbi) {
        this.connection = new WriterConnection(jdbi, "store writer");
        this.writer = Thread.ofPlatform().name("wagate-store-writer").daemon().start(this::run);
    }

    /** Queues a write; inside {@link #awaitingWrites} the scope waits for it. */
    public CompletableFuture<Void> submit(HandleConsumer<RuntimeException> work) {
        return queue((handle, connection) -> work.useHandle(handle));
    }

    /**
     * Queues one statement, prepared once on the writer's connection: for the writes made for every message, where
     * JDBI's binding by name and preparing again cost more than the statement itself.
     */
    public CompletableFuture<Void> submitStatement(String sql, Binding binding) {
        return submitStatements(List.of(new Statement(sql, binding)));
    }

    /** A statement prepared once on the writer's connection, with its parameters. */
    public record Statement(String sql, Binding binding) {}

    /** Like {@link #submitStatement}, for statements that must commit together (always one transaction). */
    public CompletableFuture<Void> submitStatements(List<Statement> statements) {
        return queue((handle, connection) -> {
            for (var each : statements) {
                var statement = connection.prepared(each.sql());
                each.binding().bind(statement);
                statement.executeUpdate();
            }
        });
    }

    /** The writes of the {@link #together} call running on this thread, and the future they share. */
    private record Bundle(List<Work> works, CompletableFuture<Void> done) {}

    private final ThreadLocal<Bundle> bundle = new ThreadLocal<>();

    /**
     * Runs {@code action}; the writes it queues on this thread are committed in one transaction, in their order (a
     * crash keeps all of them or none). Their futures complete together; {@code action} must not wait for them.
     */
    public void together(Runnable action) {
        if (bundle.get() != null) {
            action.run();
            return;
        }
        var together = new Bundle(new ArrayList<>(), new CompletableFuture<>());
        bundle.set(together);
        try {
            action.run();
        } finally {
            bundle.remove();
            // Written even when the action failed half-way, as writes outside a bundle would be.
            if (!together.works().isEmpty()) {
                queue.add(new Write((handle, connection) -> {
                    for (var work : together.works()) {
                        work.apply(handle, connection);
                    }
                }, together.done()));
            }
        }
    }

    private CompletableFuture<Void> queue(Work work) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        var together = bundle.get();
        if (together != null) {
            together.works().add(work);
            include(together.done());
            return together.done();
        }
        var write = new Write(work, new CompletableFuture<>());
        queue.add(write);
        include(write.done());
        return write.done();
    }

    /** Makes the current {@link #awaitingWrites} scope, if any, wait for {@code write} (queued here or elsewhere). */
    public void include(CompletableFuture<Void> write) {
        var collected = scope.get();
        if (collected != null) {
            collected.add(write);
        }
    }

    /**
     * Runs {@code action} and answers, without waiting, when every write it queued on this thread is committed
     * (for work that must follow those writes but not hold up its thread).
     */
    public CompletableFuture<Void> afterWrites(Runnable action) {
        var outer = scope.get();
        var collected = new ArrayList<CompletableFuture<Void>>();
        scope.set(collected);
        try {
            action.run();
        } finally {
            if (outer == null) {
                scope.remove();
            } else {
                scope.set(outer);
                outer.addAll(collected);
            }
        }
        return CompletableFuture.allOf(collected.toArray(CompletableFuture[]::new));
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
        } catch (RuntimeException e) {
            // What it queued before failing is still written: wait for it, so the caller sees the store settled
            // (a send that stored its message before failing must be known to have stored it).
            scope.remove();
            try {
                CompletableFuture.allOf(collected.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException ignored) {
                // the action's own failure is what the caller hears of
            }
            throw e;
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
        try {
            while (!closed || !queue.isEmpty()) {
                var first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                apply(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connection.close(); // the writer's connection is its thread's alone
        }
    }

    private void apply(List<Write> batch) {
        if (transaction(batch) || batch.size() == 1) {
            return;
        }
        // One bad write must not take the others with it: apply them one by one.
        for (var write : batch) {
            transaction(List.of(write));
        }
    }

    /** True when the writes were committed; a single write's failure is reported to its submitter. */
    private boolean transaction(List<Write> writes) {
        try {
            var handle = connection.handle();
            handle.begin();
            for (var write : writes) {
                write.work().apply(handle, connection);
            }
            handle.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            if (writes.size() == 1) {
                log.error("a store write failed", e);
                writes.getFirst().done().completeExceptionally(e instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("a store write failed", e));
            }
            return false;
        }
        writes.forEach(write -> write.done().complete(null));
        return true;
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

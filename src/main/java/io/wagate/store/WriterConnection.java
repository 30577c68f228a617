package io.wagate.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store writer's own connection, kept open (one of the pool's), with the statements of its hot path prepared once
 * (preparing costs SQLite about as much as running a small insert). Used by one writer thread at a time. A
 * connection that fails is dropped and a new one opened on next use.
 */
public final class WriterConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriterConnection.class);

    private final Jdbi jdbi;
    private final String owner;
    private Handle handle;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** The pool's busy timeout of a SQLite connection whose wait was replaced; -1 when it was not. */
    private long poolTimeoutMillis = -1;

    /** {@code owner} names the writer in log lines. */
    public WriterConnection(Jdbi jdbi, String owner) {
        this.jdbi = jdbi;
        this.owner = owner;
    }

    public Handle handle() {
        if (handle == null) {
            handle = jdbi.open();
            waitBriefly(handle);
        }
        return handle;
    }

    /**
     * SQLite's own wait for its write lock sleeps 1, 2, 5 … 100 ms between tries: long next to a commit of ~0.1 ms,
     * so under contention a writer idles while the lock is free. On its own connection a writer tries again every
     * 20–100 µs instead, for as long in total as the pool's busy timeout.
     */
    private void waitBriefly(Handle handle) {
        try {
            var connection = handle.getConnection();
            if (!connection.isWrapperFor(SQLiteConnection.class)) {
                return;
            }
            long timeoutMillis = handle.createQuery("PRAGMA busy_timeout").mapTo(Long.class).one();
            poolTimeoutMillis = timeoutMillis;
            long limitNanos = Math.max(1, timeoutMillis) * 1_000_000;
            BusyHandler.setHandler(connection.unwrap(SQLiteConnection.class), new BusyHandler() {
                private long waited;

                @Override
                protected int callback(int tries) {
                    if (tries == 0) {
                        waited = 0;
                    }
                    if (waited >= limitNanos) {
                        return 0;
                    }
                    long pause = tries < 20 ? 20_000 : 100_000;
                    LockSupport.parkNanos(pause);
                    waited += pause;
                    return 1;
                }
            });
        } catch (SQLException | RuntimeException e) {
            log.warn("the {} keeps SQLite's default wait for its write lock", owner, e);
        }
    }

    /** {@code sql} prepared on this connection, once; the writer's statements are a handful of constants. */
    public PreparedStatement prepared(String sql) throws SQLException {
        var statement = statements.get(sql);
        if (statement == null) {
            statement = handle().getConnection().prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** After a failed transaction: rolls back, and gives the connection up if that fails too. */
    public void rollback() {
        if (handle == null) {
            return;
        }
        try {
            handle.rollback();
        } catch (RuntimeException e) {
            log.warn("the {} connection failed; opening a new one", owner, e);
            close();
        }
    }

    /** The connection goes back to the pool as the pool made it: SQLite's wait, with the pool's timeout. */
    private void restoreDefaultWait(Handle handle) {
        if (poolTimeoutMillis < 0) {
            return;
        }
        try {
            var connection = handle.getConnection();
            BusyHandler.clearHandler(connection.unwrap(SQLiteConnection.class));
            handle.execute("PRAGMA busy_timeout = " + poolTimeoutMillis);
        } catch (SQLException | RuntimeException e) {
            log.debug("restoring SQLite's wait failed", e);
        }
    }

    @Override
    public void close() {
        if (handle == null) {
            return;
        }
        try {
            if (handle.isInTransaction()) {
                handle.rollback();
            }
            restoreDefaultWait(handle);
            handle.close(); // closes the statements with the connection
        } catch (RuntimeException e) {
            log.debug("closing the {} connection failed", owner, e);
        }
        handle = null;
        statements.clear();
        poolTimeoutMillis = -1;
    }
}

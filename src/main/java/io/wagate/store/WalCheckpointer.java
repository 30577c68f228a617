package io.wagate.store;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own. Left to SQLite, the commit
 * that fills the log past 1,000 pages does this copy, with an fsync, while every writer waits behind it: under a
 * steady load that was half the message writer's time. A passive checkpoint takes no lock writers need, so they
 * go on appending while it runs; the log is reused from its start once a checkpoint has caught up with it.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
    /** Beyond this many pages left in the log (256 MB of 4 KB pages), long readers are waited for. */
    private static final long CATCH_UP_PAGES = 65_536;

    private final DataSource dataSource;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("wagate-checkpoint").daemon().factory());

    WalCheckpointer(DataSource dataSource, long everyMillis) {
        this.dataSource = dataSource;
        timer.scheduleWithFixedDelay(this::checkpoint, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** One checkpoint now; answers the pages still in the log after it (0 when it caught up). */
    long checkpoint() {
        try {
            long left = run("PASSIVE");
            if (left > CATCH_UP_PAGES) {
                // Readers held old snapshots through many passive rounds; wait for them once rather than let the log grow.
                left = run("RESTART");
            }
            return left;
        } catch (SQLException | RuntimeException e) {
            log.warn("checkpointing the SQLite log failed; trying again shortly", e);
            return -1;
        }
    }

    private long run(String mode) throws SQLException {
        try (var connection = dataSource.getConnection();
             var statement = connection.createStatement();
             var result = statement.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            result.next();
            long logPages = result.getLong(2);
            long copied = result.getLong(3);
            return logPages < 0 ? 0 : logPages - copied;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

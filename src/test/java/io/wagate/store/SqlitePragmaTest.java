package io.wagate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagate.support.TestDatabase;
import io.wagate.support.TestDatabase.Backend;
import java.sql.DriverManager;
import java.util.ArrayList;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/** The SQLite connection settings hold on every pooled connection, not only the first. */
class SqlitePragmaTest {

    @Test
    void everyPooledConnectionHasWalForeignKeysAndBusyTimeout() {
        try (var storage = TestDatabase.create(Backend.SQLITE)) {
            var database = storage.open();
            var handles = new ArrayList<Handle>();
            try {
                // Hold several connections at once so that the pool has to hand out distinct ones.
                for (int i = 0; i < 4; i++) {
                    handles.add(database.jdbi().open());
                }
                for (var h : handles) {
                    assertThat(pragma(h, "journal_mode")).isEqualToIgnoringCase("wal");
                    assertThat(pragma(h, "foreign_keys")).isEqualTo("1");
                    assertThat(pragma(h, "synchronous")).as("synchronous = NORMAL").isEqualTo("1");
                    assertThat(pragma(h, "busy_timeout")).isEqualTo("10000");
                    assertThat(pragma(h, "wal_autocheckpoint")).as("no checkpoint inside a writer's commit").isEqualTo("0");
                }
            } finally {
                handles.forEach(Handle::close);
            }
            assertThat(storage.dataDir().resolve("wagate.db")).exists();
        }
    }

    /**
     * A transaction holds the write lock from its first statement, even a read: a read first would pin a
     * snapshot, and its later write would fail at once (SQLITE_BUSY_SNAPSHOT) if another connection wrote
     * in between, instead of waiting its turn.
     */
    @Test
    void aTransactionHoldsTheWriteLockFromItsFirstRead() throws Exception {
        try (var storage = TestDatabase.create(Backend.SQLITE)) {
            var database = storage.open();
            String url = "jdbc:sqlite:" + storage.dataDir().resolve("wagate.db");
            database.jdbi().useTransaction(h -> {
                h.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Long.class).one();
                try (var other = DriverManager.getConnection(url);
                     var statement = other.createStatement()) {
                    statement.execute("PRAGMA busy_timeout = 0");
                    assertThatThrownBy(() -> statement.execute("BEGIN IMMEDIATE"))
                            .as("another writer must wait for this transaction")
                            .hasMessageContaining("SQLITE_BUSY");
                }
            });
        }
    }

    /** With SQLite's own checkpoints off, the store's timer copies the log into the database file. */
    @Test
    void theLogReachesTheDatabaseFileWithoutAnyWriterCheckpointing() throws Exception {
        try (var storage = TestDatabase.create(Backend.SQLITE)) {
            var database = storage.open();
            var file = storage.dataDir().resolve("wagate.db");
            long before = java.nio.file.Files.size(file);
            database.jdbi().useTransaction(h -> {
                h.execute("CREATE TABLE filler (x TEXT)");
                var batch = h.prepareBatch("INSERT INTO filler (x) VALUES (:x)");
                for (int i = 0; i < 2_000; i++) {
                    batch.bind("x", "x".repeat(1_000) + i).add();
                }
                batch.execute();
            });
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> java.nio.file.Files.size(file) > before + 2_000_000);
            assertThat(database.checkpoint()).as("nothing left in the log").isZero();
        }
    }

    private static String pragma(Handle h, String name) {
        return h.createQuery("PRAGMA " + name).mapTo(String.class).one();
    }
}

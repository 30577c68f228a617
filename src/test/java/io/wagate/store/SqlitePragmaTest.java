package io.wagate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.TestDatabase;
import io.wagate.support.TestDatabase.Backend;
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
                }
            } finally {
                handles.forEach(Handle::close);
            }
            assertThat(storage.dataDir().resolve("wagate.db")).exists();
        }
    }

    private static String pragma(Handle h, String name) {
        return h.createQuery("PRAGMA " + name).mapTo(String.class).one();
    }
}

package io.wagate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.support.TestDatabase;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a sandbox send writes at both ends (the sender's copy, the recipient's copy in transit) commits as one:
 * a crash between two commits left the sender's copy, replayed as 201 to a keyed retry, with no recipient copy.
 */
class WriteQueueTogetherTest {
    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void writesQueuedTogetherCommitAllOrNone(TestDatabase.Backend backend) {
        try (var storage = backend.create()) {
            var database = storage.open();
            database.jdbi().useHandle(h -> h.execute("CREATE TABLE together_test (id INTEGER PRIMARY KEY)"));
            var writes = new WriteQueue(database.jdbi());
            try {
                var failed = new AtomicReference<CompletableFuture<Void>>();
                writes.together(() -> {
                    writes.submit(h -> h.execute("INSERT INTO together_test (id) VALUES (1)"));
                    // The second fails (the same key): the first must not be kept alone.
                    failed.set(writes.submit(h -> h.execute("INSERT INTO together_test (id) VALUES (1)")));
                });
                writes.together(() -> {
                    writes.submit(h -> h.execute("INSERT INTO together_test (id) VALUES (2)"));
                    writes.submit(h -> h.execute("INSERT INTO together_test (id) VALUES (3)"));
                });
                writes.flush();
                assertThat(failed.get()).isCompletedExceptionally();
                List<Integer> kept = database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT id FROM together_test ORDER BY id").mapTo(Integer.class).list());
                assertThat(kept).containsExactly(2, 3);
            } finally {
                writes.close();
            }
        }
    }
}
